"""``python -m demo serve [--port N]``: run the demo world in the foreground."""

import sys

from demo.cli import main

sys.exit(main())
