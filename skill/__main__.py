"""`python -m skill` runs the `trust-coach` command."""

import sys

from skill.hosts.cli.main import main

sys.exit(main())
