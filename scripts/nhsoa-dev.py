"""Run this working tree's nhsoa without installing it.

The repository's own pre-commit hooks use this, so that a commit is validated by the
nhsoa code in that same commit. pre-commit supplies nhsoa's dependencies (pinned in
.pre-commit-config.yaml; a test keeps them in step with pyproject.toml).
"""

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))

from nhsoa.main import main

raise SystemExit(main())
