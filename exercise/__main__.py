from exercise.cli import main

raise SystemExit(main())
