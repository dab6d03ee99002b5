from peercheck.cli import main

main()
