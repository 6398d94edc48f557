"""The morning brief (晨报): what an RM should act on today, built by the core like an answer.

``BriefService`` builds a brief for one RM (or a team lead's team brief) as of a day: the
book is analysed under the bank's policies, lines are composed with client tokens, and the
text is restored for the reader exactly as an answer is (entitled names, partial forms,
the final scan). ``send_briefs`` delivers once per RM and working day through a ``BriefSink``.
"""
