"""`python -m mesodesk` runs the same command line as the `mesodesk` script."""

import sys

from mesodesk.launch import main

sys.exit(main())
