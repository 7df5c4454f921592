"""``collate edit``: the HTML page with editing on, served on this machine only.

A `ThreadingHTTPServer` (the standard library's) on ``127.0.0.1`` at a free port. Every
request must carry the random token of the address the command prints (``?token=…``); a
request without it is refused (403), so another user or a web page in the browser cannot
write the editor's decisions. Each page load reads the witnesses and the decisions file from
disk again, so a transcription fixed in an editor re-anchors the decisions on reload. Each
action (``POST /decide``) adds a decision with `collate.decisions.add` (under the file's lock)
and answers with what was written; the page then reloads itself.
"""

from __future__ import annotations

import hmac
import json
import secrets
from collections.abc import Callable
from dataclasses import dataclass
from html import escape
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

from collate import decisions as editorial
from collate.engine import Grouping
from collate.errors import CollateError
from collate.model import Collation, Decision

__all__ = ["EDIT_SCRIPT", "Editor", "serve"]

HOST = "127.0.0.1"


@dataclass(frozen=True)
class Editor:
    """What the server edits: how to collate the witnesses (read from disk at each call), the
    decisions file, and how new units are classed."""

    collate: Callable[[], Collation]
    """The machine's collation, made afresh from the witness files."""
    decisions: Path
    """The decisions file."""
    apply: Callable[[Collation, tuple[Decision, ...]], Collation]
    """The decisions applied to a collation."""
    render: Callable[[Collation], str]
    """The page of a collation."""
    grouping: Grouping | None = None
    """How ``collate`` groups differences: what the decisions file records its decisions were
    made on (`collate.decisions.add`)."""

    def page(self) -> str:
        """The page with the decisions applied and the editing controls on."""
        collation = self.apply(self.collate(), editorial.load(self.decisions))
        return with_editing(self.render(collation), collation)

    def decide(self, request: dict[str, object]) -> str:
        """Add the decision a page's request asks for; what was done, in words.

        Raises:
            CollateError: the request is malformed or the decision contradicts the others.
        """
        action = str(request.get("action", ""))
        if action == "undo":
            removed = editorial.undo(self.decisions)
            return f"undone: {removed.describe()}" if removed else "no decision to undo"
        machine = self.collate()

        def make(current: tuple[Decision, ...]) -> Decision:
            return _decision(action, self.apply(machine, current), request)

        added = editorial.add(self.decisions, make, grouping=self.grouping)
        return f"decided: {added.describe()}"


def _decision(  # noqa: PLR0911 - one return per action
    action: str, collation: Collation, request: dict[str, object]
) -> Decision:
    given = request.get("units")
    units = [str(u) for u in given] if isinstance(given, list) else []
    if not units:
        raise editorial.DecisionsError("select a unit first")
    unit = units[0]
    if action == "merge":
        return editorial.merge(collation, units)
    if action == "split":
        at = request.get("at")
        if not isinstance(at, dict):
            raise editorial.DecisionsError("split: choose the word to cut before")
        return editorial.split(collation, unit, {str(s): int(o) for s, o in at.items()})
    if action == "lemma":
        text = request.get("text")
        if isinstance(text, str) and text:
            return editorial.lemma(collation, unit, text=text)
        return editorial.lemma(collation, unit, str(request.get("witness", "")))
    if action == "class":
        return editorial.set_class(collation, unit, str(request.get("class", "")))
    if action == "note":
        return editorial.note(collation, unit, str(request.get("note", "")))
    if action == "drop":
        return editorial.drop(collation, unit)
    raise editorial.DecisionsError(f"unknown action {action!r}")


def with_editing(page: str, collation: Collation) -> str:
    """The page with its editing panel and script: requests to this server allowed by its
    Content-Security-Policy, the units' words and offsets for splitting."""
    units = {
        unit.id: {
            "words": _words(collation, unit.id),
            "dropped": unit.dropped,
        }
        for unit in collation.units
    }
    data = json.dumps({"units": units, "sigla": list(collation.sigla)}, ensure_ascii=False).replace(
        "</", "<\\/"
    )
    page = page.replace("default-src 'none';", "default-src 'none'; connect-src 'self';", 1)
    panel = (
        '<div id="editor" class="editor"><b>Edit</b> <span id="edit-unit">select a variant'
        "</span> "
        '<button type="button" id="edit-merge">Merge with next</button> '
        '<span id="edit-words"></span> '
        '<select id="edit-lemma"><option value="">lemma…</option>'
        + "".join(f'<option value="{escape(s)}">{escape(s)}</option>' for s in collation.sigla)
        + "</select> "
        '<input id="edit-conjecture" placeholder="conjecture"> '
        '<button type="button" id="edit-conjecture-set">Conj.</button> '
        '<select id="edit-class"><option value="">class…</option>'
        "<option>layout</option><option>punctuation</option><option>orthographic</option>"
        "<option>substantive</option></select> "
        '<input id="edit-note" placeholder="note"> '
        '<button type="button" id="edit-note-set">Note</button> '
        '<button type="button" id="edit-drop">Drop</button> '
        '<button type="button" id="edit-undo">Undo</button> '
        '<span id="edit-status" role="status"></span></div>'
        f'<script type="application/json" id="edit-data">{data}</script>'
        f"<script>{EDIT_SCRIPT}</script>"
    )
    return page.replace("</body>", panel + "</body>", 1)


def _words(collation: Collation, unit_id: str) -> list[list[object]]:
    """Each word of the unit's readings after the first, with where a cut before it falls:
    ``[siglum, offset, word]``."""
    unit = next(u for u in collation.units if u.id == unit_id)
    found: list[list[object]] = []
    for witness in collation.witnesses:
        reading = unit.readings[witness.siglum]
        for token in witness.tokens:
            if reading.start < token.start < reading.end:
                found.append([witness.siglum, token.start, token.text])
    return found


EDIT_SCRIPT = """
(function () {
  const data = JSON.parse(document.getElementById('edit-data').textContent);
  const token = new URLSearchParams(location.search).get('token');
  let selected = [];
  const status = document.getElementById('edit-status');
  function show() {
    document.getElementById('edit-unit').textContent =
      selected.length ? selected.join(' ') : 'select a variant';
    const words = document.getElementById('edit-words');
    words.textContent = '';
    if (selected.length !== 1) return;
    for (const [siglum, offset, word] of (data.units[selected[0]] || {}).words || []) {
      const button = document.createElement('button');
      button.type = 'button';
      button.className = 'edit-cut';
      button.dataset.siglum = siglum;
      button.dataset.offset = offset;
      button.textContent = '✂ ' + siglum + ' |' + word;
      button.title = 'Split before this word';
      button.addEventListener('click', () =>
        send({action: 'split', units: selected, at: {[siglum]: offset}}));
      words.appendChild(button);
    }
  }
  document.addEventListener('click', (event) => {
    const variant = event.target.closest('[data-unit]');
    if (!variant || event.target.closest('#editor')) return;
    const unit = variant.dataset.unit;
    selected = event.shiftKey && !selected.includes(unit) ? selected.concat([unit]) : [unit];
    show();
  });
  async function send(request) {
    status.textContent = 'saving…';
    const response = await fetch('decide?token=' + encodeURIComponent(token), {
      method: 'POST', headers: {'Content-Type': 'application/json'},
      body: JSON.stringify(request)});
    const answer = await response.json();
    status.textContent = answer.message;
    if (response.ok) location.reload();
  }
  function next(unit) {
    const ids = Object.keys(data.units);
    return ids[ids.indexOf(unit) + 1];
  }
  const on = (id, handler) => document.getElementById(id).addEventListener('click', handler);
  on('edit-merge', () => send({action: 'merge',
    units: selected.length > 1 ? selected : selected.concat([next(selected[0])])}));
  on('edit-drop', () => send({action: 'drop', units: selected}));
  on('edit-undo', () => send({action: 'undo'}));
  on('edit-note-set', () => send({action: 'note', units: selected,
    note: document.getElementById('edit-note').value}));
  on('edit-conjecture-set', () => send({action: 'lemma', units: selected,
    text: document.getElementById('edit-conjecture').value}));
  document.getElementById('edit-lemma').addEventListener('change', (event) =>
    send({action: 'lemma', units: selected, witness: event.target.value}));
  document.getElementById('edit-class').addEventListener('change', (event) =>
    send({action: 'class', units: selected, class: event.target.value}));
})();
"""


def serve(editor: Editor, port: int = 0) -> tuple[ThreadingHTTPServer, str]:
    """A server for ``editor`` on 127.0.0.1 (``port`` 0: a free one), not yet serving, and the
    address with its token. Call ``serve_forever()`` on it; ``shutdown()`` stops it."""
    token = secrets.token_urlsafe(24)

    class Handler(BaseHTTPRequestHandler):
        server_version = "collate-edit"

        def log_message(self, format: str, *args: object) -> None:
            """Quiet: the command prints what each action did."""

        def _allowed(self) -> bool:
            query = parse_qs(urlsplit(self.path).query)
            given = query.get("token", [""])[0]
            if hmac.compare_digest(given.encode(), token.encode()):
                return True
            self._send(403, "text/plain", "collate edit: this address needs its token\n")
            return False

        def _send(self, status: int, kind: str, body: str) -> None:
            encoded = body.encode("utf-8")
            self.send_response(status)
            self.send_header("Content-Type", f"{kind}; charset=utf-8")
            self.send_header("Content-Length", str(len(encoded)))
            self.send_header("Cache-Control", "no-store")
            self.end_headers()
            self.wfile.write(encoded)

        def do_GET(self) -> None:
            if not self._allowed():
                return
            if urlsplit(self.path).path != "/":
                self._send(404, "text/plain", "not found\n")
                return
            try:
                self._send(200, "text/html", editor.page())
            except CollateError as error:
                self._send(500, "text/plain", f"collate: error: {error}\n")

        def do_POST(self) -> None:
            if not self._allowed():
                return
            if urlsplit(self.path).path != "/decide":
                self._send(404, "text/plain", "not found\n")
                return
            length = int(self.headers.get("Content-Length", "0") or 0)
            try:
                request = json.loads(self.rfile.read(min(length, 1_000_000)) or b"{}")
                if not isinstance(request, dict):
                    raise editorial.DecisionsError("the request is not a JSON object")
                message = editor.decide(request)
            except (CollateError, ValueError) as error:
                self._send(400, "application/json", json.dumps({"message": str(error)}))
                return
            self._send(200, "application/json", json.dumps({"message": message}))

    server = ThreadingHTTPServer((HOST, port), Handler)
    address = f"http://{HOST}:{server.server_address[1]}/?token={token}"
    return server, address
