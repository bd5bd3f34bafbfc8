"""`python -m skill.deploy`: build the deployment package (the same as `trust-coach package`)."""

import sys

from skill.deploy.command import main

sys.exit(main())
