from sco_tracker.fastpath import main

if __name__ == "__main__":
    main()
