"""Writes of the calls app, one module per stage: the call's configuration (setup), applying
(applications), review (assignment and reviews) and selection (decisions, interviews,
enrolment). Import from the module that names the stage."""
