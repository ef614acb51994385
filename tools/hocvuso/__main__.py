from hocvuso.cli import main

raise SystemExit(main())
