/**
 * The dashboard's script (served as /support/app.js): reads the query from the address, fetches the figures
 * and draws them. Everything it writes is set as text, never as HTML.
 */
export const DASHBOARD_SCRIPT = String.raw`(function () {
  'use strict';
  var measures = ['reached', 'completed', 'help', 'questions', 'stuck', 'handedOff', 'dropped'];
  var measureText = { reached: 'reached', completed: 'completed', help: 'help', questions: 'askedQuestions', stuck: 'stuck', handedOff: 'stepHandedOff', dropped: 'dropped' };
  var colours = { reached: '#9fb3c8', completed: '#2f9e44', help: '#74c0fc', questions: '#1c7ed6', stuck: '#f59f00', handedOff: '#7048e8', dropped: '#e03131' };

  function el(tag, text, className) {
    var node = document.createElement(tag);
    if (text !== undefined) node.textContent = String(text);
    if (className) node.className = className;
    return node;
  }
  function fill(template, values) {
    return template.replace(/\{(\w+)\}/g, function (all, name) { return values[name] === undefined ? all : String(values[name]); });
  }
  function percent(count, total) {
    return total ? Math.round((count / total) * 1000) / 10 + '%' : '';
  }

  function setStatus(text) {
    var status = document.getElementById('status');
    status.textContent = text;
    status.hidden = !text;
  }

  function options(select, values, names, chosen) {
    values.forEach(function (value) {
      var option = el('option', names[value] || value);
      option.value = value;
      if (value === chosen) option.selected = true;
      select.appendChild(option);
    });
  }

  function countTable(id, counts, names) {
    var body = document.querySelector('#' + id + ' tbody');
    body.textContent = '';
    counts.forEach(function (entry) {
      var row = el('tr');
      row.setAttribute('data-key', entry.key);
      row.appendChild(el('td', names[entry.key] || entry.key));
      row.appendChild(el('td', entry.count, 'number'));
      body.appendChild(row);
    });
  }

  function funnel(container, data, labels, mostLost) {
    var program = labels.programs[data.program] || { name: data.program, steps: [] };
    var section = el('section');
    section.setAttribute('data-program', data.program);
    section.appendChild(el('h3', program.name));
    var box = el('div', undefined, 'chart');
    var canvas = el('canvas');
    canvas.setAttribute('role', 'img');
    canvas.setAttribute('aria-label', labels.texts.funnel + ': ' + program.name);
    box.appendChild(canvas);
    section.appendChild(box);

    var table = el('table');
    var head = el('tr');
    [labels.texts.step, ''].concat(measures.map(function (m) { return labels.texts[measureText[m]]; }), [labels.texts.medianTime]).forEach(function (text, i) {
      head.appendChild(el('th', text, i > 1 ? 'number' : undefined));
    });
    var thead = el('thead');
    thead.appendChild(head);
    table.appendChild(thead);
    var body = el('tbody');
    data.steps.forEach(function (step) {
      var row = el('tr');
      row.setAttribute('data-step', step.step);
      if (mostLost && mostLost.program === data.program && mostLost.step === step.step) row.className = 'most-lost';
      row.appendChild(el('td', step.step));
      row.appendChild(el('td', program.steps[step.step - 1] || ''));
      measures.forEach(function (m) {
        var cell = el('td', step[m], 'number');
        cell.setAttribute('data-measure', m);
        row.appendChild(cell);
      });
      var median = el('td', step.medianSeconds === undefined ? '' : Math.round(step.medianSeconds) + ' ' + labels.texts.seconds, 'number');
      median.setAttribute('data-measure', 'medianSeconds');
      row.appendChild(median);
      body.appendChild(row);
    });
    table.appendChild(body);
    section.appendChild(table);
    container.appendChild(section);

    if (window.Chart) {
      new window.Chart(canvas, {
        type: 'bar',
        data: {
          labels: data.steps.map(function (step) { return labels.texts.step + ' ' + step.step; }),
          datasets: measures.map(function (m) {
            return { label: labels.texts[measureText[m]], data: data.steps.map(function (step) { return step[m]; }), backgroundColor: colours[m] };
          }),
        },
        options: {
          maintainAspectRatio: false,
          animation: false,
          scales: { y: { beginAtZero: true, ticks: { precision: 0 } } },
          plugins: { tooltip: { callbacks: { title: function (items) { return items.length ? items[0].label + ': ' + (program.steps[items[0].dataIndex] || '') : ''; } } } },
        },
      });
    }
  }

  function show(answer) {
    var figures = answer.figures;
    var labels = answer.labels;
    var query = answer.query;
    document.getElementById('from').value = query.from;
    document.getElementById('to').value = query.to;
    var programNames = {};
    Object.keys(labels.programs).forEach(function (id) { programNames[id] = labels.programs[id].name; });
    options(document.getElementById('channel'), figures.channels, {}, query.channel);
    options(document.getElementById('program'), figures.programs, programNames, query.program);
    document.getElementById('csv').href = '/support/outcomes.csv' + location.search;

    Object.keys(figures).forEach(function (name) {
      var value = document.querySelector('[data-figure="' + name + '"]');
      if (value) value.textContent = String(figures[name]);
    });
    ['contained', 'handedOff', 'abandoned'].forEach(function (name) {
      document.querySelector('[data-rate="' + name + '"]').textContent = percent(figures[name], figures.conversations);
    });

    var lost = figures.mostLost;
    var program = lost && labels.programs[lost.program];
    document.getElementById('most-lost').textContent = lost
      ? fill(labels.texts.mostLost, { n: lost.step, clientName: program ? program.name : lost.program, title: program ? program.steps[lost.step - 1] : '', count: lost.lost, total: lost.reached })
      : labels.texts.nothingLost;

    var funnels = document.getElementById('funnels');
    funnels.textContent = '';
    figures.funnels.forEach(function (data) { funnel(funnels, data, labels, lost); });
    countTable('handoffReasons', figures.handoffReasons, labels.reasons);
    countTable('questions', figures.questions, labels.questions);
    countTable('verificationFailures', figures.verificationFailures, labels.errors);
    countTable('entries', figures.entries, labels.entries);

    setStatus(figures.conversations ? '' : labels.texts.noData);
    document.getElementById('dashboard').hidden = false;
    document.body.setAttribute('data-loaded', 'true');
  }

  function start() {
    var failed = document.getElementById('status').getAttribute('data-failed');
    fetch('/support/figures.json' + location.search, { credentials: 'same-origin', headers: { Accept: 'application/json' } })
      .then(function (response) {
        if (!response.ok) throw new Error(String(response.status));
        return response.json();
      })
      .then(show)
      .catch(function () {
        setStatus(failed);
        document.body.setAttribute('data-loaded', 'failed');
      });
  }

  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', start);
  else start();
})();
`;
