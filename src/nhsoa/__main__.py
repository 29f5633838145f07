from nhsoa.main import main

raise SystemExit(main())
