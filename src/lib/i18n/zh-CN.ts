// 简体中文界面文字，结构与 en.ts 一致（类型检查保证不缺项）。
import type { Messages } from './en';

export const zhCN: Messages = {
	app: {
		name: '健康问答',
		tagline: '在本设备上运行的私密健康咨询',
		skipToChat: '跳到对话'
	},
	nav: {
		label: '主导航',
		chat: '对话',
		about: '关于与隐私'
	},
	language: {
		label: '语言',
		zh: '中文',
		en: 'English'
	},
	chat: {
		heading: '健康咨询',
		intro:
			'可以询问症状、药物或检查。本助手只提供一般性健康信息，不做诊断。如遇紧急情况，请立即拨打急救电话。',
		messagesLabel: '对话内容',
		empty: '还没有消息。请在下方输入您的问题。',
		inputLabel: '您的问题',
		inputHint: '按 Enter 发送 · Shift+Enter 换行',
		placeholder: '例如：发烧 38.5 ℃ 应该怎么办？',
		send: '发送',
		you: '您',
		assistant: '助手',
		modelNotReady:
			'本设备上的模型尚未准备好，暂时无法回答这个问题。如果您感觉非常不适，请及时就医或拨打急救电话。'
	},
	input: {
		empty: '请先输入问题。',
		tooLong: (length: number, max: number) =>
			`您的消息有 ${length} 个字符，上限是 ${max} 个。请缩短内容，或分成几个问题发送。`,
		counter: (length: number, max: number) => `${length} / ${max} 字符`
	},
	redaction: {
		note: (kinds: string) => `为保护您的隐私，已移除：${kinds}。只保留用占位符替换后的内容。`,
		kinds: {
			phone: '手机号',
			landline: '电话号码',
			id_number: '身份证号',
			passport: '护照号',
			bank_card: '银行卡号',
			email: '电子邮箱',
			ssn: '社会保障号',
			nhs_number: 'NHS 号码',
			mrn: '病历号',
			name: '姓名'
		}
	},
	emergency: {
		title: '这可能是紧急情况',
		lead: '请不要等待本应用的回答。',
		call: (number: string) => `请立即拨打 ${number}`,
		callLocal: (number: string) => `请立即拨打当地急救电话（例如 ${number}）`,
		crisis: (label: string, number: string) => `${label}：${number}`,
		stepsHeading: '现在该怎么做',
		recognised: (signs: string) => `识别到：${signs}`,
		notEmergency: '这不是紧急情况，继续提问',
		categories: {
			cardiac: '心脏危险信号',
			breathing: '呼吸困难',
			stroke: '中风迹象',
			unconscious: '意识丧失',
			seizure: '抽搐发作',
			bleeding: '严重出血',
			poisoning: '中毒或药物过量',
			self_harm: '自杀或自伤的念头',
			anaphylaxis: '严重过敏反应',
			pregnancy: '孕期急症',
			child: '儿童危险信号',
			trauma: '严重外伤',
			burns: '严重烧烫伤',
			headache: '突发剧烈头痛'
		}
	},
	device: {
		open: '本设备信息',
		title: '本设备信息',
		close: '关闭',
		checking: '正在检测…',
		webgpu: 'WebGPU',
		adapter: '图形适配器',
		shaderF16: '16 位着色器（shader-f16）',
		maxBinding: '最大存储缓冲区',
		storage: '已用存储 / 可用存储',
		persisted: '浏览器持久保存数据',
		serviceWorker: '可离线使用（Service Worker）',
		network: '网络',
		yes: '是',
		no: '否',
		unknown: '未知',
		online: '在线',
		offline: '离线',
		unavailable: (reason: string) => `不可用（${reason}）`,
		bytes: (used: string, total: string) => `${used} / ${total}`
	},
	notices: {
		label: '设备提示',
		noWebgpu:
			'此浏览器没有可用的 WebGPU，回答将使用在处理器上运行的较慢引擎。紧急情况识别和其他功能仍可正常使用。',
		noServiceWorker:
			'此浏览器无法保存应用以供离线使用。联网时可以正常使用；如需离线使用，请用较新的浏览器打开。',
		offline: '您当前处于离线状态。应用会继续使用本设备上已有的内容。'
	},
	update: {
		available: '应用有新版本。',
		reload: '重新加载',
		dismiss: '稍后'
	},
	about: {
		title: '关于与隐私',
		lead: '本助手完全在您的浏览器中运行。您输入的内容只留在本设备上。',
		staysHeading: '哪些内容留在本设备上',
		stays: [
			'您输入的所有内容和每一条回答都在本设备上处理，绝不会发送到服务器。',
			'对话只保存在本浏览器的存储中，您可以随时删除。',
			'手机号、身份证号等身份信息会在保存或交给模型之前被移除。'
		],
		networkHeading: '哪些情况会用到网络',
		network: [
			'加载应用本身（来自您打开的网址）。',
			'在您同意后，从诊所配置的模型来源下载一次语言模型。之后即可离线使用。'
		],
		noThirdParty: '没有数据分析、没有追踪器，也没有任何第三方服务。',
		limitsHeading: '本助手不能做什么',
		limits: '它只提供一般性健康信息，不做诊断，也不能代替医生。如果您认为情况紧急，请立即拨打急救电话。',
		back: '返回对话'
	}
};
