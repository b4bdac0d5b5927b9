"""Floor 4, studies: a programme's analysis (``programme``), referral records (``referrals``),
the neighbourhood monitor (``monitor``), evidence synthesis (``synthesis``) and joint displays
(``joint``). They read inputs through floor 2, compute with floor 3 and return results: numbers
and message keys with parameters, never rendered text (docs/architecture.md)."""
