// The public verification page's stylesheet and script, served from /v/ (the CSP forbids inline ones).
// The script moves the token from the address's fragment (never sent by browsers) into a POST, and
// checks an uploaded PDF by posting its bytes; nothing else runs on the page.

/** /v/verify.css: phone first, readable at arm's length. */
export const VERIFY_CSS = `
*{box-sizing:border-box}
body{margin:0;font:16px/1.6 "PingFang SC","Noto Sans SC","WenQuanYi Micro Hei",sans-serif;color:#1f2329;background:#f2f4f7}
header{background:#b7211d;color:#fff;padding:12px 16px;font-weight:600}
main{max-width:640px;margin:0 auto;padding:12px}
.card{background:#fff;border-radius:8px;padding:16px;margin:12px 0;box-shadow:0 1px 2px rgba(0,0,0,.08)}
h1{font-size:20px;margin:0 0 8px}
h2{font-size:17px;margin:0 0 8px}
.ok{color:#0b7a3b}.bad{color:#b7211d}.muted{color:#646a73;font-size:14px}
dl{display:grid;grid-template-columns:6.5em 1fr;gap:6px 8px;margin:0}
dt{color:#646a73}dd{margin:0;word-break:break-all}
ol.steps{list-style:none;padding:0;margin:0;display:flex;flex-wrap:wrap;gap:6px}
ol.steps li{padding:2px 10px;border-radius:12px;background:#e8eaed;font-size:14px}
ol.steps li.done{background:#d6f0de;color:#0b7a3b}ol.steps li.now{background:#0b7a3b;color:#fff}
code{font-size:12px;word-break:break-all}
input,button{font:inherit}
input[type=text]{width:100%;padding:8px;border:1px solid #c9cdd4;border-radius:6px}
button{margin-top:8px;padding:8px 16px;border:0;border-radius:6px;background:#b7211d;color:#fff;width:100%}
#check-result{margin-top:8px;font-weight:600}
form{margin-top:12px}label{display:block;margin:8px 0 4px}
`;

/** /v/verify.js */
export const VERIFY_JS = `
(function () {
  var pending = document.getElementById('token-form');
  if (pending) {
    var token = location.hash.slice(1);
    if (history.replaceState) history.replaceState(null, '', location.pathname);
    pending.elements.token.value = token;
    pending.submit();
    return;
  }
  var form = document.getElementById('check-form');
  if (!form) return;
  form.addEventListener('submit', function (e) {
    e.preventDefault();
    var out = document.getElementById('check-result');
    var file = form.elements.pdf.files[0];
    if (!file) { out.textContent = '请选择要核对的 PDF 文件'; return; }
    out.textContent = '正在核对…';
    file.arrayBuffer().then(function (bytes) {
      return fetch(form.action, {
        method: 'POST',
        headers: { 'content-type': 'application/octet-stream', 'x-verify-token': form.elements.token.value },
        body: bytes
      });
    }).then(function (r) { return r.json(); }).then(function (j) {
      out.className = j.genuine ? 'ok' : 'bad';
      out.textContent = j.message;
    }).catch(function () { out.className = 'bad'; out.textContent = '核对失败，请稍后再试'; });
  });
})();
`;
