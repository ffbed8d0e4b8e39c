import sys

from geo_events.cli import main

sys.exit(main())
