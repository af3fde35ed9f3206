import type { Turn } from '../../../src/core/types';
import { loadSamples } from '../msagent/helpers';

/** What the seed's _process_system writes for the MS_Agent_Bench sample (reference/seed_convert.py). */
export const SEED_BENCH_SYSTEM =
  '\n# 工具\n\n## 你拥有如下工具：\n\nhm_recipe_recommend: hmreciperecommend API。输入参数: {"type": "object", "properties": {"\\keywords_dict": {"type": "string", "description": "盒马推荐菜谱关键词字典。"}},"required": ["keywords_dict"]} Format the arguments as a JSON object.\n\nhm_product_marketing: hmproductmarketing API。输入参数: {"type": "object", "properties": {"\\sku_code_list": {"type": "string", "description": "盒马商品的编码列表"}},"required": ["sku_code_list"]} Format the arguments as a JSON object.\n\nhm_product_info: hmproductinfo API。输入参数: {"type": "object", "properties": {"\\sku_code_list": {"type": "string", "description": "盒马商品的编码列表"}},"required": []} Format the arguments as a JSON object.\n\nhm_product_recommend: hmproductrecommend API。输入参数: {"type": "object", "properties": {"\\keywords_dict": {"type": "string", "description": "盒马推荐商品关键词字典。"}},"required": ["keywords_dict"]} Format the arguments as a JSON object.\n\n## 当你需要调用工具时，请在你的回复中穿插如下的工具调用命令，可以根据需求调用零次或多次：\n\n工具调用\nAction: 工具的名称，必须是["hm_recipe_recommend", "hm_product_marketing", "hm_product_info", "hm_product_recommend"]之一\nAction Input: 工具的输入\nObservation: <result>工具返回的结果</result>\nAnswer: 根据Observation总结本次工具调用返回的结果，如果结果中出现url，请使用如下格式展示出来：![图片](url)\n\n\n# 指令\n\n你扮演AI-Agent，\n你具有下列具体功能：\n下面你将开始扮演\n\n请注意：你具有图像和视频的展示能力，也具有运行代码的能力，不要在回复中说你做不到。\n';

/** The MS_Agent_Bench sample as the seed converts it: new system prompt, other turns untouched (S11). */
export function seedBenchRecord(): Turn[] {
  const [rec] = loadSamples();
  return [{ role: 'system', text: SEED_BENCH_SYSTEM }, ...rec.turns.slice(1)];
}
