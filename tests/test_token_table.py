"""The token table holds, per word, exactly what the Token attributes the extractors scan say."""

from spacy.tokens import Doc, DocBin

from kg.token_table import KEY, token_table


def _attributes(doc):
    return [(t.lower_, t.lemma_.lower(), t.pos_, t.tag_, t.dep_, t.ent_type_, t.is_punct, t.idx) for t in doc]


def _rows(table):
    return list(zip(*table, strict=True))


def test_table_matches_the_tokens_of_a_parsed_article(nlp):
    doc = nlp('The Census Bureau said in a report on Monday that incomes rose. "It is good news," '
              'Dr. Ann Lee, who chairs the panel, told Reuters.\nTHE HEADLINE: Polls Show Gains')
    assert _rows(token_table(doc)) == _attributes(doc)


def test_table_of_an_empty_and_an_untagged_doc(nlp):
    assert _rows(token_table(nlp(""))) == []
    doc = nlp.make_doc("words with no tags")  # the pieces kg.nlp.read leaves unread look like this
    assert _rows(token_table(doc)) == _attributes(doc)


def test_table_is_built_once_and_kept_as_plain_tuples(nlp):
    doc = nlp("Ann Lee said the plan would work.")
    first = token_table(doc)
    assert token_table(doc) == first
    kept = doc.user_data[KEY]
    assert type(kept) is tuple and all(type(column) is tuple for column in kept)
    stored = DocBin(store_user_data=True, docs=[doc]).to_bytes()  # a Doc with its table still serialises
    again = next(DocBin().from_bytes(stored).get_docs(nlp.vocab))
    assert isinstance(again, Doc) and _rows(token_table(again)) == _attributes(doc)


def test_table_is_the_same_when_the_shared_strings_start_afresh(nlp, monkeypatch):
    import kg.token_table as module

    text = "Officials said the report, released on Monday, showed gains."
    first = _rows(token_table(nlp(text)))
    monkeypatch.setattr(module, "_SEEN_LIMIT", 0)  # every document now starts with empty lookups
    assert _rows(token_table(nlp(text))) == first == _attributes(nlp(text))
