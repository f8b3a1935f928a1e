"""``python -m calculators``: the command-line face of the calculators."""

import sys

from .cli import main

sys.exit(main())
