"""The master scenario events list (MSEL): a scenario's injects as the spreadsheet exercise
planners keep (`exercise msel export` / `exercise msel import`)."""
