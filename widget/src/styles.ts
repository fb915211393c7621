export const css = `
:host { all: initial; font: 14px/1.4 system-ui, sans-serif; color: #111827; }
.launcher { position: fixed; right: 20px; bottom: 20px; width: 56px; height: 56px; border-radius: 50%; border: 0; background: #4f46e5; color: #fff; font-size: 24px; cursor: pointer; box-shadow: 0 4px 14px rgba(0,0,0,.25); z-index: 2147483000; }
.panel { position: fixed; right: 20px; bottom: 88px; width: min(360px, calc(100vw - 40px)); height: min(520px, calc(100vh - 120px)); display: none; flex-direction: column; background: #fff; border-radius: 12px; box-shadow: 0 8px 30px rgba(0,0,0,.25); overflow: hidden; z-index: 2147483000; }
.panel.open { display: flex; }
header { background: #4f46e5; color: #fff; padding: 12px 14px; }
header strong { display: block; }
header small { opacity: .85; }
.log { flex: 1; overflow-y: auto; padding: 12px; display: flex; flex-direction: column; gap: 8px; background: #f9fafb; }
.msg { max-width: 80%; padding: 8px 10px; border-radius: 10px; white-space: pre-wrap; word-wrap: break-word; }
.msg.inbound { align-self: flex-end; background: #4f46e5; color: #fff; }
.msg.outbound { align-self: flex-start; background: #e5e7eb; }
.note { color: #6b7280; font-size: 12px; }
.typing { min-height: 18px; padding: 0 12px; color: #6b7280; font-size: 12px; }
form { display: flex; gap: 6px; padding: 10px; border-top: 1px solid #e5e7eb; flex-wrap: wrap; }
input, textarea { flex: 1 1 100%; font: inherit; padding: 8px; border: 1px solid #d1d5db; border-radius: 8px; }
textarea { flex: 1; resize: none; height: 38px; }
button.attach { border: 0; background: transparent; font-size: 18px; cursor: pointer; }
.msg a { color: inherit; }
button.send { border: 0; border-radius: 8px; background: #4f46e5; color: #fff; padding: 0 14px; cursor: pointer; }
.error { color: #b91c1c; font-size: 12px; padding: 0 12px; }
`;
