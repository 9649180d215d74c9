"""``python -m educpop``: the same as the ``educpop`` command."""

import sys

from educpop.cli import main

sys.exit(main())
