"""`python -m skill` runs the `trust-coach` command."""

import sys

from skill.cli import main

sys.exit(main())
