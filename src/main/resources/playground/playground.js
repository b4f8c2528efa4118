// Pacer playground: a small chat client that shows what Pacer really sends (Block Kit or Adaptive Card JSON)
// and sends what Slack or Teams would send back, through the playground's JSON API. No build step, no libraries.
'use strict';

// The page's own labels in English and Simplified Chinese (Pacer's replies come from messages*.properties).
const I18N = {
  en: {
    title: 'Pacer playground', you_are: 'You are', pacer_time: "Pacer's time", time_travel: '⏩ Next morning',
    send: 'Send', sidebar_hint: "A simulated workspace: what you type goes through Pacer's real Slack and Teams adapters.",
    placeholder_slack: 'Message Pacer — e.g. /pacer help', placeholder_teams: 'Type a message — e.g. help',
    setting_up: 'Setting up the demo team…', ready: 'Ready. Try one of the commands below, or type your own.',
    only_you: 'Only visible to you', clicked: 'clicked', form_opened: 'opened a form', cancel: 'Cancel',
    optional: '(optional)', required: 'Required', select: 'Select…', download: 'Download',
    role_admin: 'admin', role_manager: 'manager', role_rep: 'rep', direct: 'Direct message', bot: 'Pacer', app: 'APP',
    failed: 'Something went wrong: ', off: 'is switched off (its credentials are set in the environment).',
    channels_slack: 'Channels', dms_slack: 'Direct messages', channels_teams: 'Teams', dms_teams: 'Chat',
    channel_sub: 'The whole team is here; the daily digest arrives here on working days.',
    placeholder_slack_channel: 'Message #sales — e.g. /pacer digest now',
    placeholder_teams_channel: 'Post in Sales (Pacer is @mentioned for you) — e.g. digest now',
  },
  zh: {
    title: 'Pacer 试玩', you_are: '当前身份', pacer_time: 'Pacer 的时间', time_travel: '⏩ 到明天早上',
    send: '发送', sidebar_hint: '模拟的工作区：你输入的内容会经过 Pacer 真实的 Slack 和 Teams 适配器。',
    placeholder_slack: '给 Pacer 发消息，例如 /pacer 帮助', placeholder_teams: '输入消息，例如 帮助',
    setting_up: '正在准备演示团队……', ready: '准备好了。试试下面的命令，或者自己输入。',
    only_you: '仅你可见', clicked: '点击了', form_opened: '打开了表单', cancel: '取消',
    optional: '（可选）', required: '必填', select: '请选择……', download: '下载',
    role_admin: '管理员', role_manager: '经理', role_rep: '销售', direct: '私信', bot: 'Pacer', app: '应用',
    failed: '出错了：', off: '已关闭（其凭据已在环境变量中设置）。',
    channels_slack: '频道', dms_slack: '私信', channels_teams: '团队', dms_teams: '聊天',
    channel_sub: '全队都在这里；每个工作日的团队日报发到这里。',
    placeholder_slack_channel: '在 #sales 发消息，例如 /pacer 日报 现在',
    placeholder_teams_channel: '在 Sales 发帖（会自动 @Pacer），例如 日报 现在',
  },
};

const CHIPS = {
  dm: {
    en: ['help', 'target set deals 10 week', 'log 3 deals', 'progress', 'lead add', 'leaderboard', 'nudge preview', 'settings'],
    zh: ['帮助', '目标 set deals 10 week', '记录 3 deals', '进度', '客户 add', '排行', '提醒 preview', '设置'],
  },
  channel: {
    en: ['digest', 'digest now', 'digest week', 'digest time 08:30', 'leaderboard'],
    zh: ['日报', '日报 现在', '日报 周报', '日报 时间 08:30', '排行'],
  },
};
// The DM with Pacer and the team channel each have a feed of their own; the page shows one at a time.
const FEEDS = { dm: 'feed', channel: 'channel-feed' };

const $ = (id) => document.getElementById(id);
const state = {
  platform: 'slack', member: 'alex', members: [], lang: 'en', seq: 0, generation: 0, live: false,
  now: null, view: null, platforms: {}, where: 'dm', channel: {}, unread: { dm: 0, channel: 0 },
};

function t(key) { return (I18N[state.lang] || I18N.en)[key] || I18N.en[key] || key; }
function el(tag, cls, text) {
  const e = document.createElement(tag);
  if (cls) e.className = cls;
  if (text !== undefined && text !== null) e.textContent = text;
  return e;
}
function escapeHtml(s) {
  return String(s).replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');
}
function safeUrl(u) { return /^(https?:|mailto:|\/)/i.test(u) ? u : '#'; }
function memberInfo(key) { return state.members.find((m) => m.key === key) || { key, name: key, timeZone: 'UTC' }; }
function me() { return memberInfo(state.member); }
function feedOf(where) { return $(FEEDS[where] || FEEDS.dm); }
// where a button or card is: its feed says whether it is in the DM or the channel
function whereOf(node) { const feed = node.closest('.feed'); return (feed && feed.dataset.where) || 'dm'; }

async function api(path, body) {
  const options = body === undefined ? {} : { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) };
  const response = await fetch('/playground/api/' + path, options);
  const text = await response.text();
  let json = {};
  try { json = text ? JSON.parse(text) : {}; } catch (e) { json = { error: text }; }
  if (!response.ok) throw new Error(json.error || ('HTTP ' + response.status));
  return json;
}

function showError(message) {
  const box = $('error');
  box.textContent = message ? t('failed') + message : '';
  box.hidden = !message;
}

// --- Slack mrkdwn and Teams Markdown -------------------------------------------------------------------------

function inlineFormat(html, slack) {
  if (slack) {
    html = html.replace(/```([\s\S]+?)```/g, '<pre>$1</pre>')
      .replace(/`([^`\n]+)`/g, '<code>$1</code>')
      .replace(/(^|[\s(>])\*([^*\n]+)\*(?=$|[\s).,:;!?<])/g, '$1<b>$2</b>')
      .replace(/(^|[\s(>])_([^_\n]+)_(?=$|[\s).,:;!?<])/g, '$1<i>$2</i>')
      .replace(/(^|[\s(>])~([^~\n]+)~(?=$|[\s).,:;!?<])/g, '$1<s>$2</s>');
  } else {
    html = html.replace(/\*\*([^*\n]+)\*\*/g, '<b>$1</b>')
      .replace(/(^|[\s(>])_([^_\n]+)_(?=$|[\s).,:;!?<])/g, '$1<i>$2</i>')
      .replace(/\[([^\]\n]+)\]\(([^)\s]+)\)/g, (m, label, url) => '<a href="' + safeUrl(url) + '" target="_blank" rel="noopener">' + label + '</a>')
      .replace(/^- /gm, '• ');
  }
  return html.replace(/\n/g, '<br>');
}

function mrkdwn(text) {
  // Slack text arrives with &amp; &lt; &gt; escaped; <…> are links and mentions
  const out = [];
  const parts = String(text || '').split(/(<[^<>]+>)/);
  for (const part of parts) {
    const m = /^<([^<>]+)>$/.exec(part);
    if (m) {
      const inner = m[1];
      const [target, label] = inner.split('|');
      if (target.startsWith('@')) {
        const who = state.members.find((x) => 'U0PG' + x.key.toUpperCase() === target.slice(1));
        out.push('<span class="mention">@' + escapeHtml(who ? who.name : (label || target.slice(1))) + '</span>');
      } else if (target.startsWith('!')) {
        out.push('<span class="mention">@' + escapeHtml(target.slice(1)) + '</span>');
      } else if (target.startsWith('#')) {
        out.push('<span class="mention">#' + escapeHtml(label || target.slice(1)) + '</span>');
      } else {
        out.push('<a href="' + escapeHtml(safeUrl(decodeEntities(target))) + '" target="_blank" rel="noopener">' + escapeHtml(decodeEntities(label || target)) + '</a>');
      }
    } else {
      out.push(inlineFormat(escapeHtml(decodeEntities(part)), true));
    }
  }
  return out.join('');
}
function decodeEntities(s) { return s.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&'); }
function teamsMarkdown(text) { return inlineFormat(escapeHtml(text || ''), false); }
function textObject(obj) {
  if (!obj) return '';
  return obj.type === 'mrkdwn' ? mrkdwn(obj.text) : escapeHtml(obj.text || '');
}

// --- Block Kit ---------------------------------------------------------------------------------------------

function renderBlocks(blocks, container, inModal) {
  for (const block of blocks || []) {
    let node = null;
    switch (block.type) {
      case 'header':
        node = el('div', 'bk-header'); node.innerHTML = textObject(block.text); break;
      case 'section':
        node = el('div', 'bk-section');
        if (block.text) { const p = el('div', 'bk-text'); p.innerHTML = textObject(block.text); node.appendChild(p); }
        if (block.fields) {
          const grid = el('div', 'bk-fields');
          for (const f of block.fields) { const c = el('div', 'bk-field'); c.innerHTML = textObject(f); grid.appendChild(c); }
          node.appendChild(grid);
        }
        if (block.accessory && block.accessory.type === 'button') node.appendChild(slackButton(block.accessory, block.block_id));
        break;
      case 'context':
        node = el('div', 'bk-context');
        for (const e of block.elements || []) { const s = el('span'); s.innerHTML = textObject(e); node.appendChild(s); }
        break;
      case 'divider': node = el('hr', 'bk-divider'); break;
      case 'actions':
        node = el('div', 'bk-actions');
        for (const e of block.elements || []) if (e.type === 'button') node.appendChild(slackButton(e, block.block_id));
        break;
      case 'input':
        node = inModal ? slackInput(block) : null; break;
      case 'image':
        node = image(block.image_url, block.alt_text); break;
      default:
        node = el('div', 'bk-unknown', '[' + block.type + ']');
    }
    if (node) container.appendChild(node);
  }
}

function slackButton(e, blockId) {
  const label = (e.text && e.text.text) || '';
  if (e.url) {
    const a = el('a', 'btn bk-button', label);
    a.href = safeUrl(e.url); a.target = '_blank'; a.rel = 'noopener';
    return a;
  }
  const b = el('button', 'btn bk-button' + (e.style ? ' ' + e.style : ''), label);
  b.type = 'button';
  b.addEventListener('click', () => act('click', {
    platform: 'slack', member: state.member, label, conversation: whereOf(b),
    action: { action_id: e.action_id, block_id: blockId || '', value: e.value || '' },
  }));
  return b;
}

function slackInput(block) {
  const wrap = el('div', 'bk-input');
  wrap.dataset.blockId = block.block_id;
  const label = el('label', 'bk-label', (block.label && block.label.text) || '');
  if (block.optional) label.appendChild(el('span', 'muted', ' ' + t('optional')));
  wrap.appendChild(label);
  const e = block.element || {};
  let input;
  if (e.type === 'static_select') {
    input = el('select');
    input.appendChild(new Option(t('select'), ''));
    for (const o of e.options || []) input.appendChild(new Option(o.text.text, o.value));
    if (e.initial_option) input.value = e.initial_option.value;
  } else if (e.type === 'plain_text_input' && e.multiline) {
    input = el('textarea'); input.rows = 3; input.value = e.initial_value || '';
  } else {
    input = el('input');
    input.type = e.type === 'datepicker' ? 'date' : e.type === 'number_input' ? 'number' : 'text';
    if (e.type === 'number_input') input.step = 'any';
    input.value = e.initial_value || e.initial_date || '';
  }
  input.name = block.block_id;
  input.dataset.elementType = e.type;
  label.htmlFor = input.id = 'in-' + block.block_id;
  wrap.appendChild(input);
  if (block.hint) wrap.appendChild(el('div', 'bk-hint', block.hint.text));
  wrap.appendChild(el('div', 'bk-error'));
  return wrap;
}

function openModal(viewId, view) {
  state.view = viewId;
  $('modal-title').textContent = (view.title && view.title.text) || '';
  $('modal-close').textContent = (view.close && view.close.text) || t('cancel');
  $('modal-submit').textContent = (view.submit && view.submit.text) || 'Submit';
  const body = $('modal-body');
  body.replaceChildren();
  renderBlocks(view.blocks, body, true);
  $('modal-backdrop').hidden = false;
  const first = body.querySelector('input,textarea,select');
  if (first) first.focus();
}
function closeModal() { state.view = null; $('modal-backdrop').hidden = true; }

async function submitModal() {
  if (!state.view) return;
  const values = {};
  for (const wrap of $('modal-body').querySelectorAll('.bk-input')) {
    const input = wrap.querySelector('input,textarea,select');
    const type = input.dataset.elementType;
    const v = input.value;
    if (type === 'datepicker') values[wrap.dataset.blockId] = { type, selected_date: v || null };
    else if (type === 'static_select') values[wrap.dataset.blockId] = v ? { type, selected_option: { value: v } } : { type };
    else values[wrap.dataset.blockId] = { type, value: v === '' ? null : v };
  }
  $('modal-submit').disabled = true;
  try {
    const answer = await api('submit', { member: state.member, view: state.view, values });
    for (const e of $('modal-body').querySelectorAll('.bk-error')) e.textContent = '';
    if (answer.ok) { closeModal(); return; }
    for (const [blockId, message] of Object.entries(answer.errors || {})) {
      const wrap = $('modal-body').querySelector('.bk-input[data-block-id="' + CSS.escape(blockId) + '"] .bk-error');
      if (wrap) wrap.textContent = message;
    }
  } catch (e) { showError(e.message); } finally { $('modal-submit').disabled = false; }
}

// --- Adaptive Cards ----------------------------------------------------------------------------------------

function renderCard(card, activityId) {
  const root = el('div', 'ac-card');
  renderElements(card.body || [], root);
  if (card.actions && card.actions.length) root.appendChild(actionSet(card.actions, root, activityId));
  root.dataset.activity = activityId;
  return root;
}

function renderElements(elements, container) {
  for (const e of elements) {
    let node;
    switch (e.type) {
      case 'TextBlock':
        node = el('div', 'ac-text');
        node.innerHTML = teamsMarkdown(e.text);
        if (e.size) node.classList.add('size-' + e.size.toLowerCase());
        if (e.weight === 'Bolder') node.classList.add('bolder');
        if (e.isSubtle) node.classList.add('subtle');
        if (e.color === 'Attention') node.classList.add('attention');
        if (e.fontType === 'Monospace') node.classList.add('mono');
        break;
      case 'FactSet':
        node = el('table', 'ac-facts');
        for (const f of e.facts || []) {
          const tr = el('tr'); tr.appendChild(el('th', null, f.title));
          const td = el('td'); td.innerHTML = teamsMarkdown(f.value); tr.appendChild(td); node.appendChild(tr);
        }
        break;
      case 'ColumnSet':
        node = el('div', 'ac-columns');
        for (const c of e.columns || []) { const col = el('div', 'ac-column'); renderElements(c.items || [], col); node.appendChild(col); }
        break;
      case 'Container':
        node = el('div', 'ac-container'); renderElements(e.items || [], node); break;
      case 'ActionSet':
        node = actionSet(e.actions || [], null, null); break;
      case 'Image':
        node = image(e.url, e.altText); break;
      case 'Input.Text': case 'Input.Number': case 'Input.Date': case 'Input.ChoiceSet':
        node = cardInput(e); break;
      default:
        node = el('div', 'bk-unknown', '[' + e.type + ']');
    }
    if (e.separator) node.classList.add('separator');
    container.appendChild(node);
  }
}

function cardInput(e) {
  const wrap = el('div', 'ac-input');
  const label = el('label', 'ac-label', e.label || '');
  if (e.isRequired) label.appendChild(el('span', 'attention', ' *'));
  wrap.appendChild(label);
  let input;
  if (e.type === 'Input.ChoiceSet') {
    input = el('select');
    input.appendChild(new Option(t('select'), ''));
    for (const c of e.choices || []) input.appendChild(new Option(c.title, c.value));
  } else if (e.type === 'Input.Text' && e.isMultiline) {
    input = el('textarea'); input.rows = 3;
  } else {
    input = el('input');
    input.type = e.type === 'Input.Date' ? 'date' : e.type === 'Input.Number' ? 'number' : 'text';
    if (e.type === 'Input.Number') input.step = 'any';
  }
  if (e.placeholder) input.placeholder = e.placeholder;
  if (e.value !== undefined) input.value = e.value;
  input.dataset.inputId = e.id;
  input.dataset.required = e.isRequired ? '1' : '';
  input.dataset.errorMessage = e.errorMessage || '';
  input.id = 'ac-' + Math.random().toString(36).slice(2);
  label.htmlFor = input.id;
  wrap.appendChild(input);
  wrap.appendChild(el('div', 'ac-error'));
  return wrap;
}

function actionSet(actions, cardRoot, activityId) {
  const node = el('div', 'ac-actions');
  for (const a of actions) {
    if (a.type === 'Action.OpenUrl') {
      const link = el('a', 'btn ac-button', a.title); link.href = safeUrl(a.url); link.target = '_blank'; link.rel = 'noopener';
      node.appendChild(link);
    } else if (a.type === 'Action.Submit') {
      const b = el('button', 'btn ac-button' + (a.style ? ' ' + a.style : ''), a.title);
      b.type = 'button';
      b.addEventListener('click', () => submitCard(b, a));
      node.appendChild(b);
    }
  }
  return node;
}

// Teams sends the action's data with every input of the card merged in; it refuses to send with a required input empty.
function submitCard(button, action) {
  const card = button.closest('.ac-card');
  const data = Object.assign({}, action.data || {});
  let missing = false;
  for (const input of card.querySelectorAll('[data-input-id]')) {
    const error = input.parentElement.querySelector('.ac-error');
    error.textContent = '';
    if (input.dataset.required && !input.value) {
      error.textContent = input.dataset.errorMessage || t('required');
      missing = true;
    }
    if (input.value !== '') data[input.dataset.inputId] = input.value;
  }
  if (missing) return;
  act('click', { platform: 'teams', member: state.member, label: action.title, card: card.dataset.activity, data,
    conversation: whereOf(card) });
}

// the digest's chart: an image in a Teams card, an uploaded PNG in Slack
function image(url, alt) {
  const img = el('img', 'chart');
  img.src = safeUrl(url || ''); img.alt = alt || '';
  return img;
}

// --- The feed ----------------------------------------------------------------------------------------------

function timeOf(iso) {
  try {
    return new Intl.DateTimeFormat(state.lang === 'zh' ? 'zh-CN' : 'en-US',
      { hour: '2-digit', minute: '2-digit', timeZone: me().timeZone }).format(new Date(iso));
  } catch (e) { return ''; }
}

// who: the name shown; author: the member who typed it (someone else in the channel), or null for Pacer
function bubble(who, iso, author) {
  const self = author === state.member;
  const row = el('div', 'msg' + (self ? ' self' : author ? ' other' : ' bot'));
  const avatar = el('div', 'avatar' + (author ? '' : ' pacer'), author ? (who || '?').slice(0, 1) : '');
  const main = el('div', 'msg-main');
  const head = el('div', 'msg-head');
  head.appendChild(el('span', 'msg-name', who));
  if (!author && state.platform === 'slack') head.appendChild(el('span', 'app-tag', t('app')));
  head.appendChild(el('span', 'msg-time', timeOf(iso)));
  main.appendChild(head);
  row.appendChild(avatar); row.appendChild(main);
  return { row, main };
}

function renderItem(item) {
  const feed = feedOf(item.conversation);
  const body = item.body || {};
  if (item.kind === 'update') {
    const old = document.querySelector('.ac-card[data-activity="' + CSS.escape(body.id) + '"]');
    const cards = (body.cards || []).map((c) => renderCard(c, body.id));
    if (old && cards.length) { old.replaceWith(cards[0]); return; }
  }
  if (item.kind === 'notice') {
    feed.appendChild(el('div', 'notice', body.text));
    state.now = body.now || state.now;
    return;
  }
  const typed = item.kind === 'you';
  const author = typed ? (item.from || item.member) : null;
  const { row, main } = bubble(typed ? memberInfo(author).name : t('bot'), item.at, author);
  row.dataset.seq = item.seq;
  row.dataset.kind = item.kind;
  if (typed) {
    main.appendChild(el('div', 'msg-text', body.text !== undefined ? body.text : t('clicked') + ' “' + (body.clicked || '') + '”'));
  } else if (item.kind === 'message') {
    const blocks = el('div', 'bk');
    if (body.blocks && body.blocks.length) renderBlocks(body.blocks, blocks, false);
    else blocks.innerHTML = mrkdwn(body.text);
    main.appendChild(blocks);
    if (body.ephemeral) main.appendChild(el('div', 'ephemeral', '👁 ' + t('only_you')));
  } else if (item.kind === 'modal') {
    main.appendChild(el('div', 'msg-text muted', '📝 ' + t('form_opened') + ': ' + ((body.view.title && body.view.title.text) || '')));
    if (state.live) openModal(body.view_id, body.view);
  } else if (item.kind === 'card' || item.kind === 'update') {
    if (body.text) { const p = el('div', 'msg-text'); p.innerHTML = teamsMarkdown(body.text); main.appendChild(p); }
    for (const card of body.cards || []) main.appendChild(renderCard(card, body.id));
  } else if (item.kind === 'file') {
    const a = el('a', 'file', '📄 ' + body.filename); a.href = body.url; a.setAttribute('download', body.filename);
    main.appendChild(el('div', 'msg-text', body.title));
    if (/\.png$/i.test(body.filename || '')) main.appendChild(image(body.url, body.title));
    main.appendChild(a);
  }
  feed.appendChild(row);
  if (item.conversation !== state.where && state.live && author !== state.member) unseen(item.conversation || 'dm');
}

// a badge on the conversation not shown: something arrived there
function unseen(where) {
  state.unread[where] = (state.unread[where] || 0) + 1;
  showBadges();
}
function showBadges() {
  for (const [where, id] of [['dm', 'open-dm'], ['channel', 'open-channel']]) {
    const badge = $(id).querySelector('.badge');
    badge.textContent = state.unread[where] || '';
    badge.hidden = !state.unread[where];
  }
}

function showWhere(where) {
  state.where = where === 'channel' ? 'channel' : 'dm';
  for (const [w, id] of Object.entries(FEEDS)) $(id).hidden = w !== state.where;
  $('open-dm').classList.toggle('active', state.where === 'dm');
  $('open-channel').classList.toggle('active', state.where === 'channel');
  state.unread[state.where] = 0;
  showBadges();
  const channel = state.channel[state.platform] || '';
  $('chat-title').textContent = state.where === 'channel' ? (state.platform === 'slack' ? '# ' + channel.replace(/^#/, '') : channel) : 'Pacer';
  $('chat-sub').textContent = state.where === 'channel' ? t('channel_sub') : t('direct');
  $('text').placeholder = t('placeholder_' + state.platform + (state.where === 'channel' ? '_channel' : ''));
  const chips = $('chips');
  chips.replaceChildren();
  for (const c of CHIPS[state.where][state.lang]) {
    const b = el('button', 'chip', c); b.type = 'button';
    b.addEventListener('click', () => { $('text').value = c; $('text').focus(); });
    chips.appendChild(b);
  }
  const feed = feedOf(state.where);
  feed.scrollTop = feed.scrollHeight;
}

async function poll(generation) {
  while (generation === state.generation) {
    try {
      const wait = state.live ? '1' : '0';
      const answer = await api('feed?platform=' + state.platform + '&member=' + state.member + '&after=' + state.seq + '&wait=' + wait);
      if (generation !== state.generation) return;
      const feed = feedOf(state.where);
      const atBottom = feed.scrollHeight - feed.scrollTop - feed.clientHeight < 80;
      for (const item of answer.items) { renderItem(item); state.seq = Math.max(state.seq, item.seq); }
      state.now = answer.now;
      showClock();
      if (answer.items.length && (atBottom || !state.live)) feed.scrollTop = feed.scrollHeight;
      if (!state.live) for (const other of Object.values(FEEDS)) $(other).scrollTop = $(other).scrollHeight;
      state.live = true;
      document.body.dataset.live = '1';
    } catch (e) {
      showError(e.message);
      await new Promise((r) => setTimeout(r, 2000));
    }
  }
}

function showClock() {
  if (!state.now) return;
  try {
    $('clock').textContent = new Intl.DateTimeFormat(state.lang === 'zh' ? 'zh-CN' : 'en-US',
      { weekday: 'short', month: 'short', day: 'numeric', hour: '2-digit', minute: '2-digit', timeZone: me().timeZone })
      .format(new Date(state.now));
    $('clock').title = me().timeZone;
  } catch (e) { $('clock').textContent = state.now; }
}

async function act(path, body) {
  showError('');
  try { await api(path, body); } catch (e) { showError(e.message); }
}

// --- Wiring ------------------------------------------------------------------------------------------------

function applyLabels() {
  document.documentElement.lang = state.lang === 'zh' ? 'zh-CN' : 'en';
  for (const node of document.querySelectorAll('[data-i18n]')) node.textContent = t(node.dataset.i18n);
  $('ui-lang').textContent = state.lang === 'zh' ? 'English' : '中文';
  const select = $('member');
  const current = state.member;
  select.replaceChildren();
  for (const m of state.members) {
    select.appendChild(new Option(m.name + ' — ' + t('role_' + m.role) + ' · ' + m.locale + ' · ' + m.timeZone, m.key));
  }
  select.value = current;
  $('workspace-name').textContent = state.platform === 'slack' ? 'Playground' : 'Microsoft Teams';
  $('channel-name').textContent = state.platform === 'slack' ? '● Pacer' : 'Pacer';
  $('channels-label').textContent = t('channels_' + state.platform) + (state.platform === 'teams' ? ' · ' + (state.channel.team || '') : '');
  $('dms-label').textContent = t('dms_' + state.platform);
  const channel = state.channel[state.platform] || '';
  $('team-channel-name').textContent = state.platform === 'slack' ? '# ' + channel.replace(/^#/, '') : channel;
  showWhere(state.where);
  showClock();
}

async function switchTo(platform, member) {
  state.platform = platform;
  state.member = member;
  state.generation += 1;
  state.seq = 0;
  state.live = false;
  document.body.dataset.live = '';
  document.body.className = platform;
  for (const b of document.querySelectorAll('[data-platform]')) b.classList.toggle('active', b.dataset.platform === platform);
  closeModal();
  applyLabels();
  history.replaceState(null, '', '?platform=' + platform + '&member=' + member + '&lang=' + state.lang);
  for (const id of Object.values(FEEDS)) $(id).replaceChildren();
  state.unread = { dm: 0, channel: 0 };
  showBadges();
  const feed = feedOf(state.where);
  if (!state.platforms[platform]) { showError('Pacer ' + platform + ' ' + t('off')); return; }
  showError('');
  const generation = state.generation;
  const setup = el('div', 'notice', t('setting_up'));
  feed.appendChild(setup);
  try { await api('ready', { platform }); } catch (e) { showError(e.message); }
  if (generation !== state.generation) return;
  setup.textContent = t('ready');
  setup.id = 'ready';
  poll(generation);
}

async function start() {
  const params = new URLSearchParams(location.search);
  state.lang = params.get('lang') || ((navigator.language || 'en').toLowerCase().startsWith('zh') ? 'zh' : 'en');
  const s = await api('state');
  state.members = s.members;
  state.platforms = s.platforms;
  state.channel = s.channel || {};
  state.now = s.now;
  const platform = params.get('platform') === 'teams' ? 'teams' : 'slack';
  const member = state.members.some((m) => m.key === params.get('member')) ? params.get('member') : state.members[0].key;
  for (const b of document.querySelectorAll('[data-platform]')) b.addEventListener('click', () => switchTo(b.dataset.platform, state.member));
  $('member').addEventListener('change', (e) => switchTo(state.platform, e.target.value));
  $('ui-lang').addEventListener('click', () => { state.lang = state.lang === 'zh' ? 'en' : 'zh'; applyLabels(); history.replaceState(null, '', '?platform=' + state.platform + '&member=' + state.member + '&lang=' + state.lang); });
  $('composer').addEventListener('submit', (e) => {
    e.preventDefault();
    const text = $('text').value.trim();
    if (!text) return;
    $('text').value = '';
    act('say', { platform: state.platform, member: state.member, text, conversation: state.where });
  });
  $('time-travel').addEventListener('click', async () => {
    $('time-travel').disabled = true;
    try { await act('time-travel', { platform: state.platform, member: state.member }); } finally { $('time-travel').disabled = false; }
  });
  for (const b of document.querySelectorAll('#sidebar [data-where]')) b.addEventListener('click', () => showWhere(b.dataset.where));
  $('modal-submit').addEventListener('click', submitModal);
  $('modal-close').addEventListener('click', closeModal);
  $('modal-x').addEventListener('click', closeModal);
  switchTo(platform, member);
}

start().catch((e) => showError(e.message));
