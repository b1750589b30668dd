-- The refusals of a missing agent or reason say how long they must be (review: "#1 x" was refused with
-- "give a reason" although one was given).
create or replace function app_private.begin_support_action(p_support_agent text, p_reason text)
returns void
language plpgsql
volatile
set search_path = ''
as $$
begin
  if p_support_agent is null or char_length(btrim(p_support_agent)) < 2 then
    raise exception using errcode = 'P0001', message = 'support_agent_required',
      detail = 'Name yourself in p_support_agent (at least 2 characters: your name or staff id): the audit log records who acted.';
  end if;
  if p_reason is null or char_length(btrim(p_reason)) < 5 then
    raise exception using errcode = 'P0001', message = 'reason_required',
      detail = 'Give a reason of at least 5 characters in p_reason (ticket number and what you verified): the audit log records it.';
  end if;
  perform set_config('app.support_agent', btrim(p_support_agent), true);
  perform set_config('app.support_reason', btrim(p_reason), true);
  -- The generic change notices (app_private.notify_*) would name no changing user; support functions send
  -- their own support-worded e-mails instead, so each person gets one e-mail.
  perform set_config('app.notifications', 'off', true);
end;
$$;
