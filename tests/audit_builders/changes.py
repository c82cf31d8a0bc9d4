"""Audit builders for change requests: the request, its operations, votes and comments."""

from app.changes.models import ChangeComment, ChangeOperation, ChangeRequest, ChangeVote


def _request(s, ctx, number=1):
    request = ChangeRequest(project_id=ctx["project"].id, number=number, title="Longer build",
                            rationale="Integration is harder.", requester_label="test",
                            category="schedule", urgency="high", status="draft")
    s.add(request)
    s.flush()
    return request


def _operation(s, ctx):
    return ChangeOperation(project_id=ctx["project"].id, request=_request(s, ctx, 2),
                           position=0, kind="task_change", target_id=1,
                           params='{"duration": 8}')


def _vote(s, ctx):
    return ChangeVote(project_id=ctx["project"].id, request=_request(s, ctx, 3),
                      user_id=ctx["user"].id, voter_label="Sponsor", role="sponsor",
                      vote="approve")


def _comment(s, ctx):
    return ChangeComment(project_id=ctx["project"].id, request=_request(s, ctx, 4),
                         author_label="PM", body="Looks right.")


def _new_request(s, ctx):
    return ChangeRequest(project_id=ctx["project"].id, number=9, title="Shorter design",
                         rationale="Workshops done.", requester_label="test",
                         category="schedule", urgency="normal", status="draft")


BUILDERS = {
    ChangeRequest: (_new_request, "title", "设计缩短"),
    ChangeOperation: (_operation, "params", '{"duration": 9}'),
    ChangeVote: (_vote, "vote", "reject"),
    ChangeComment: (_comment, "body", "同意"),
}
