import assert from 'node:assert/strict';
import { test } from 'node:test';
import { detectFormat } from '../../../src/core/record/format';

const sys = (text: string) => [
  { role: 'system', text },
  { role: 'user', text: 'q' },
];

test('ms_agent, AgentFabric, the seed variant and plain chat are told apart', () => {
  assert.equal(
    detectFormat(
      sys('Answer the following questions as best you can. You have access to the following APIs:\n1. x'),
    ),
    'ms_agent',
  );
  assert.equal(
    detectFormat(sys('\n# 工具\n\n## 你拥有如下工具：\n\nx: x API. d Parameters: {} …必须是[x]之一')),
    'agentfabric',
  );
  assert.equal(detectFormat(sys('\n# 工具\n\n## 你拥有如下工具：\n\n…必须是["x"]之一')), 'agentfabric-seed');
  assert.equal(
    detectFormat(
      sys(
        '\n# 工具\n\n## 你拥有如下工具：\n\nx: y API。d输入参数: {"type": "object", "properties": {"\\k": {}}}',
      ),
    ),
    'agentfabric-seed',
  );
  assert.equal(detectFormat(sys('\n# 指令\n\n你扮演AI-Agent，')), 'agentfabric');
  assert.equal(detectFormat(sys('You are a helpful assistant.')), 'chat');
  assert.equal(
    detectFormat([
      { role: 'user', text: 'Answer the following questions … You have access to the following APIs:' },
    ]),
    'chat',
  );
});
