"""Names vulture (`make lint`) cannot see used, each with where it is used.

vulture reads only Python, so it misses what the jinja2 templates read, what goes into JSON
test data through ``dataclasses.asdict``, and what a base class calls. Everything else unused
in generator/ is dead code: delete it rather than list it here.
"""

from docbind.backends.docs.site import Script
from docbind.backends.package.client_tests import CallCase
from docbind.backends.package.json_schema import models_schema
from docbind.backends.package.operation_view import OperationView
from docbind.backends.package.signing_view import SignerView
import docbind.importers
from docbind.importers.html_tables import _Reader
from docbind.ir.constraints import Phrase
from docbind.ir.model import Author, Field, Publishing

# read by templates (templates/site/, templates/docs/, templates/package/)
Script.csp_source
OperationView.doc_lines
OperationView.imports
OperationView.param_lines
OperationView.request_lines
OperationView.option_doc_lines
Author.email
Publishing.license
Publishing.authors
SignerView.expression
Phrase.literal
Field.requirement

# written to tests/client_cases.json by asdict(), read by the generated tests/test_client.py
CallCase.request_model
CallCase.response_model
CallCase.retry_safe
CallCase.retry_on
CallCase.success_field

# html.parser.HTMLParser calls them
_Reader.handle_starttag
_Reader.handle_endtag
_Reader.handle_data

# the whole models schema in one piece, for tests/test_constraints.py and benchmarks/
models_schema

# run on each formatter worker by name (output/pipeline.py: "...models:warm_up")
warm_up

# the module's __getattr__: Python calls it for the names the importers package loads lazily
docbind.importers.__getattr__
