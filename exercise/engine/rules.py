"""The version of the rules: what `resolve_turn` computes from a state and orders.

A save records the rules version it was made under (at `exercise new`). When the mechanics
change, the same orders resolve to different states, so a save made under other rules cannot
be re-resolved and compared: `verify` says so in one line instead of calling it tampered, and
replaying its stored turns still works (they are stored states, not recomputed ones).

History:
    1  the rules before the version was recorded (saves without one are read as 1).
    2  issue 14: will scales every pressure toward a norm, votes included; consensus adopters
       are the yes voters and acquiescent abstainers; vote noise and standing aside; a forum
       remembers a block; tipping is a step; rival breadth crowds out a conflicting norm;
       assistance is earmarked for depth; initial holders.
    3  issue 14 round 2: attention is scarce in diffusion too: a delegation takes up at most
       `uptake` (1) new norms a turn by diffusion, the ones it is pushed hardest toward.
    4  issue 12: packages: one agenda item holding several norms, weighed by the mean of what
       it holds unless one norm is below `vote_no - package_tolerance` (then that one), adopted
       or blocked as one; `amend NAME in FORUM drop NORM`; the broker assembles packages;
       session outcomes record a package's norms.
       Negotiation: the talk log is an input of every turn; coalitions, deals
       (commitments kept or broken), trust and reputation are in the state; a lobbyist's push
       is scaled by its credibility with the target.
       Issue 14 round 3: adoption is a chance, not a certainty, before a norm tips: a
       delegation over its threshold takes the norm up this turn with chance
       `adoption_hazard + (1 - adoption_hazard) * capacity` (0.1), and at once once it has tipped.
    5  issue 14 round 4: the tipping step (the cascade pull and adopting at once past the tipping
       share) is the cascade term's: with `cascade_weight = 0` nothing changes at the share, so
       a scenario switching the term off keeps the adoption hazard past it (defaults unchanged).

Bump it with every change that moves a state hash for the same scenario, seed and orders.
"""

RULES_VERSION = 5
