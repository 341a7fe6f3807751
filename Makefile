# Stegvis: the two commands are `make run` and `make test`.
.PHONY: run test messages lint totp

run:  ## set everything up and run the demo on http://127.0.0.1:8000/
	scripts/run.sh

test:  ## install what the tests need and run the whole suite (SQLite, then PostgreSQL)
	scripts/test.sh

messages:  ## extract and compile the translation catalogues
	.venv/bin/python manage.py makemessages -l sv -l da -l en --no-obsolete --add-location file -i 'node_modules/*' -i '.venv/*' -i 'var/*' -i 'tests/*' -i 'bench/*'
	.venv/bin/python manage.py compilemessages -l sv -l da -l en --ignore '.venv/*' --ignore 'node_modules/*'

lint:
	.venv/bin/ruff check .
	.venv/bin/lint-imports

totp:  ## print the current TOTP code of a demo login: make totp EMAIL=hr@uddevalla.demo
	STEGVIS_ENV=demo .venv/bin/python manage.py demo_totp $(EMAIL)
