from rejuv_desktop.cli import main

raise SystemExit(main())
