// Named Cypher queries over a graph loaded with `kg load` (Neo4j 5 or the local `kg server`).
// Each query starts with a `// name: NAME` line; the comment lines under it say what it answers and
// which parameters it takes. kg/export/neo4j.py reads this file (named_queries()); `kg who-said`,
// `kg roles` and `kg findings` run who_said, roles and findings; `kg who-said --about` runs said_about. All parameters are passed as
// parameters, never pasted into the text. A parameter set to null means "no filter".

// name: who_said
// Who said what: speaker, kind, cue word, statement and article. $name: part of a speaker's name or alias, or
// null; $kind: speech, thought, intention or position, or null for all.
MATCH (s)-[r:SAID]->(q:Quote)
WHERE ($name IS NULL OR toLower(s.name) CONTAINS toLower($name)
   OR any(alias IN s.aliases WHERE toLower(alias) CONTAINS toLower($name)))
  AND ($kind IS NULL OR r.kind = $kind)
RETURN s.name AS speaker, r.kind AS kind, r.cue AS cue, q.text AS statement, q.doc AS article, q.start AS start
ORDER BY article, start, speaker;

// name: roles
// Who holds which role, with the qualifier (former, acting, ...) and the article. $name: part of a name, or null.
MATCH (p)-[h:HOLDS_ROLE]->(r:Role)
WHERE $name IS NULL OR toLower(p.name) CONTAINS toLower($name)
   OR any(alias IN p.aliases WHERE toLower(alias) CONTAINS toLower($name))
RETURN p.name AS person, r.name AS role, h.qualifier AS qualifier, h.org AS org, h.doc AS article, h.start AS start
ORDER BY article, start, person;

// name: findings
// Which reports found what: report, its authors (a list), cue word, finding and article. $name: part of the
// report's name, or null.
MATCH (rep:Report)-[f:FOUND]->(x:Finding)
WHERE $name IS NULL OR toLower(rep.name) CONTAINS toLower($name)
OPTIONAL MATCH (rep)-[:AUTHORED_BY]->(author)
WITH rep, f, x, collect(author.name) AS authors
RETURN rep.name AS report, authors, f.cue AS cue, x.text AS finding, x.doc AS article, x.start AS start
ORDER BY article, start, report;

// name: most_quoted
// Who was quoted most: speakers by number of statements. $limit: how many rows.
MATCH (s)-[:SAID]->(q:Quote)
RETURN s.name AS speaker, labels(s)[0] AS type, count(q) AS statements
ORDER BY statements DESC, speaker
LIMIT $limit;

// name: addressed_to
// Statements addressed to someone: speaker, statement and addressee. $name: part of the addressee's name, or null.
MATCH (s)-[:SAID]->(q:Quote)-[:ADDRESSED_TO]->(x)
WHERE $name IS NULL OR toLower(x.name) CONTAINS toLower($name)
RETURN s.name AS speaker, q.text AS statement, x.name AS addressee, q.doc AS article
ORDER BY article, q.start;

// name: said_about
// Who said what about whom: statements that MENTION an entity whose name or alias contains $about
// (kg/mentions.py links each statement to the entities its words name). $name: part of the speaker's
// name or alias, or null; $kind: speech, thought, intention or position, or null. `about` lists the matching
// entities' names.
MATCH (s)-[r:SAID]->(q:Quote)-[:MENTIONS]->(m)
WHERE (toLower(m.name) CONTAINS toLower($about) OR any(alias IN m.aliases WHERE toLower(alias) CONTAINS toLower($about)))
  AND ($name IS NULL OR toLower(s.name) CONTAINS toLower($name)
       OR any(alias IN s.aliases WHERE toLower(alias) CONTAINS toLower($name)))
  AND ($kind IS NULL OR r.kind = $kind)
WITH s, r, q, collect(DISTINCT m.name) AS about
RETURN s.name AS speaker, r.kind AS kind, r.cue AS cue, q.text AS statement, q.doc AS article, q.start AS start,
       about
ORDER BY article, start, speaker;

// name: mentions
// Who a statement talks about: quotes and findings with the entities they mention and where (offsets into the
// article). $about: part of a mentioned entity's name or alias, or null.
MATCH (st)-[x:MENTIONS]->(m)
WHERE $about IS NULL OR toLower(m.name) CONTAINS toLower($about)
   OR any(alias IN m.aliases WHERE toLower(alias) CONTAINS toLower($about))
RETURN labels(st)[0] AS statement_type, st.text AS statement, m.name AS entity, labels(m)[0] AS type,
       x.starts AS starts, x.ends AS ends, st.doc AS article
ORDER BY article, statement, entity;

// name: named_as
// How each article names an entity: the words it used (names, and descriptions kg resolved to it such as
// "the governor"; never pronouns) and how many mentions. $name: part of the entity's name or alias.
MATCH (e)-[m:MENTIONED_IN]->(a:Article)
WHERE toLower(e.name) CONTAINS toLower($name)
   OR any(alias IN e.aliases WHERE toLower(alias) CONTAINS toLower($name))
RETURN e.name AS entity, labels(e)[0] AS type, a.doc AS article, a.name AS title, m.forms AS forms,
       m.count AS mentions
ORDER BY entity, article;

// name: counts
// How many nodes of each label the database holds.
MATCH (n)
RETURN labels(n)[0] AS label, count(*) AS nodes
ORDER BY label;
