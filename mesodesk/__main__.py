"""`python -m mesodesk` runs the same command line as the `mesodesk` script."""

import sys

from mesodesk.cli import main

sys.exit(main())
