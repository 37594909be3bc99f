"""Launch Rejuv Desktop from a checkout: ``python main.py``."""
from rejuv_desktop.cli import main

if __name__ == "__main__":
    raise SystemExit(main())
