import assert from 'node:assert/strict';
import { test } from 'node:test';
import { psBool, psQuote } from '../../../../shared/powershell/quote';

test('single-quoted literals double every quote PowerShell treats as a single quote', () => {
  assert.equal(psQuote('Litware-SIP'), "'Litware-SIP'");
  assert.equal(psQuote("O'Brien AA"), "'O''Brien AA'");
  assert.equal(psQuote('a\u2019b'), "'a\u2019\u2019b'");
  assert.equal(psQuote('\u2018x\u201A\u201B'), "'\u2018\u2018x\u201A\u201A\u201B\u201B'");
  // $( ), backticks and double quotes are inert inside single quotes: left as they are.
  assert.equal(psQuote('$(Remove-Item C:\\) `n "x"'), '\'$(Remove-Item C:\\) `n "x"\'');
  assert.equal(psQuote(''), "''");
});

test('booleans', () => {
  assert.equal(psBool(true), '$true');
  assert.equal(psBool(false), '$false');
});
