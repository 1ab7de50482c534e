import sys

from daisen_taiko.intake.cli import main

sys.exit(main())
