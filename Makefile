# The two commands of the README's quick start: `make demo` and `make test`.
.PHONY: demo test lint setup clean

setup:
	scripts/setup

demo: setup
	.venv/bin/kg extract seeds/ -o out/
	.venv/bin/kg who-said --graph out/graph.json
	scripts/demo-server

test:
	scripts/setup --test
	.venv/bin/ruff check kg tests scripts
	.venv/bin/python -m pytest -q

lint:
	.venv/bin/ruff check kg tests scripts

clean:
	rm -rf out .venv .pytest_cache .ruff_cache
