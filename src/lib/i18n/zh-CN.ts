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
		about: '关于与隐私',
		settings: '设置'
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
			'本设备上的模型尚未准备好，暂时无法回答这个问题。如果您感觉非常不适，请及时就医或拨打急救电话。',
		writing: '正在回答…',
		stop: '停止',
		stopped: '已停止。上面的回答不完整。',
		interrupted: '页面关闭时回答被中断。上面的回答不完整。',
		newConversation: '新对话',
		storageFull: '浏览器存储空间已满，此对话不再保存。之前保存的内容仍然保留。请清理空间以继续保存。',
		storageFailed: '无法在本设备上保存此对话。之前保存的内容仍然保留。',
		failed: (reason: string) => `回答未能完成：${reason}`,
		answeredBy: (model: string) => `由本设备上的 ${model} 回答`,
		feedback: {
			label: '这个回答有帮助吗？',
			up: '有帮助',
			down: '没有帮助',
			reason: '哪里有问题？（选填）',
			reasonHint: '请不要填写姓名、电话号码或其他个人信息。',
			send: '提交',
			thanks: '感谢您的反馈。',
			failed: '您的反馈未能保存。'
		}
	},
	engine: {
		heading: '本设备上的模型',
		consentTitle: (model: string) => `要把 ${model} 下载到本设备吗？`,
		consentBody: (size: string) =>
			`为了在本地私密地回答问题，应用需要下载一次约 ${size} 的语言模型。模型保存在本设备上，之后可离线使用，您输入的内容不会发送到任何地方。`,
		consentEngine: (engine: string) => `将使用 ${engine} 运行。`,
		consentSpace: (free: string) => `浏览器允许使用的剩余空间：约 ${free}。`,
		notEnoughSpace: (size: string, free: string) =>
			`存储空间不足：该模型需要约 ${size}，浏览器只允许约 ${free}。请清理空间，或选择较小的模型。`,
		download: '下载模型',
		later: '暂不下载',
		chooseModel: '模型',
		fits: (label: string, size: string) => `${label}（约 ${size}）`,
		tooBig: (label: string, size: string) => `${label}（约 ${size}，本设备可能无法运行）`,
		progressLabel: '模型下载',
		progress: (done: string, total: string) => `${done} / ${total}`,
		rate: (rate: string, eta: string) => `${rate}/秒 · 约剩 ${eta}`,
		file: (file: string) => `正在下载：${file}`,
		preparing: '正在本设备上准备模型…',
		fromCache: '正在从本设备加载模型…',
		cancel: '取消下载',
		cancelled: '下载已停止。已下载的部分会保留，下次从中断处继续。',
		ready: (model: string, engine: string) => `${model} 已就绪（${engine}）。`,
		typeWhileLoading: '现在就可以输入问题；紧急情况识别不需要模型。',
		retry: '重试',
		elsewhere:
			'模型已在本应用的另一个标签页中运行。请使用那个标签页，或关闭它，本标签页会自动接管；再加载一份会占用双倍内存。',
		loadFailed: (reason: string) => `模型无法启动：${reason}`,
		waiting: '正在等待模型加载完成…',
		engines: {
			webllm: 'WebGPU（web-llm）',
			onnx: 'ONNX Runtime',
			webgpu: '图形处理器',
			wasm: '中央处理器（较慢）'
		},
		reasons: {
			'largest-fits': '本设备可以运行最大的模型。',
			'too-small-for-4b': '本设备无法运行最大的模型，因此选择了较小的模型。',
			'no-webgpu': '此浏览器没有可用的 WebGPU，因此改用在处理器上运行的较小模型。',
			'no-webllm-fits': '本设备的图形处理器无法运行 WebGPU 模型，因此改用 ONNX Runtime 运行较小的模型。',
			'webllm-failed': 'WebGPU 引擎无法在此启动，因此改用备用引擎。',
			'user-choice': '由您选择。',
			'user-choice-may-not-fit': '您选择了这个模型，但它可能超出本设备的能力。',
			'nothing-fits': '没有已知适合本设备的模型；现提供最小的模型。'
		},

		errors: {
			'no-webgpu': '此浏览器没有可用的 WebGPU。',
			'device-lost': '图形处理器停止响应。',
			quota: '浏览器存储空间已满。',
			network: '无法下载模型文件。请检查网络后重试。',
			'model-library': '无法在本设备上加载模型程序。',
			'model-files': '模型文件缺失或已损坏。',
			'not-loaded': '模型尚未加载。',
			'worker-crashed': '模型意外停止，正在重新启动。',
			aborted: '下载已取消。',
			busy: '上一个回答仍在生成中。',
			'context-overflow': '对话太长，超出了模型的处理范围。请开始新的对话。',
			unknown: '出现了问题。'
		}
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
	settings: {
		title: '设置',
		lead: '供医护人员使用：设置本设备如何识别紧急情况，以及提示患者拨打哪个电话。',
		saved: '已保存。',
		saveFailed: (reason: string) => `无法保存：${reason}。没有任何更改。`,
		storageFull: '浏览器存储空间已满',
		storageUnavailable: '无法从浏览器存储中读取设置，目前使用内置默认设置。',
		pin: {
			heading: '工作人员 PIN 码',
			none: '尚未设置工作人员 PIN 码：任何使用本设备的人都可以更改这些设置。共用设备或自助终端请设置 PIN 码。',
			set: '设置 PIN 码',
			change: '更改 PIN 码',
			remove: '删除 PIN 码',
			newPin: '新 PIN 码（4 到 8 位数字）',
			confirmPin: '再次输入新 PIN 码',
			mismatch: '两次输入的 PIN 码不一致。',
			invalid: 'PIN 码为 4 到 8 位数字。',
			enter: '工作人员 PIN 码',
			unlock: '解锁',
			lock: '锁定设置',
			locked: '这些设置仅供工作人员使用。请输入工作人员 PIN 码继续。',
			wrong: 'PIN 码不正确。',
			wait: (seconds: number) => `错误次数过多，请 ${seconds} 秒后再试。`,
			checking: '正在验证…',
			saved: 'PIN 码已设置。离开本页面后设置会自动锁定。',
			removed: 'PIN 码已删除。'
		},
		terms: {
			heading: '紧急情况用语',
			lead: '在此添加的词语会在内置词表之外被识别为紧急情况，中英文均可。每行一个，2 到 60 个字符。内置词表无法关闭。',
			count: (n: number) => `已添加 ${n} 个词语`,
			save: '保存紧急情况用语',
			rejectedHeading: '以下内容未保存：',
			rejected: (term: string, reason: string) => `“${term}”：${reason}`,
			reasons: {
				unknown_category: '未知类别',
				not_a_string: '不是文字',
				too_short: '太短（至少 2 个字符）',
				too_long: '太长（最多 60 个字符）',
				control_characters: '包含控制字符',
				duplicate: '重复',
				too_many: '该类别词语过多（最多 200 个）'
			},
			tryLabel: '试一句话',
			tryHint: '在保存之前，查看一条消息在使用上述词语时会被如何判断。',
			tryEmergency: (signs: string) => `紧急情况：${signs}`,
			tryNone: '不是紧急情况。'
		},
		models: {
			heading: '本设备上的模型',
			lead: '已下载到此浏览器的语言模型。删除后可释放空间；下次需要时会重新下载。',
			loading: '正在检查本设备…',
			none: '本设备上没有保存任何模型。',
			size: (size: string) => `占用 ${size}`,
			unknownSize: '大小未知',
			inUse: '正在使用',
			remove: (model: string) => `删除 ${model}`,
			removeAll: '删除所有模型',
			removed: (model: string) => `已从本设备删除 ${model}。`,
			removedAll: '已从本设备删除所有模型。',
			failed: (reason: string) => `无法删除：${reason}`,
			total: (size: string) => `合计：${size}`
		},
		feedback: {
			heading: '质量评估',
			lead: '本设备上用户对回答的评价和理由，连同问题和回答，供工作人员评估。文件在您分享之前只保存在本设备上。',
			loading: '正在统计反馈…',
			none: '暂无反馈。',
			count: (n: number) => `${n} 条反馈`,
			download: '下载反馈（CSV）',
			downloaded: '反馈文件已下载。',
			failed: '无法从本设备的存储中读取反馈。'
		},
		numbers: {
			heading: '急救电话',
			lead: '紧急提示会显示此地区的电话号码。',
			region: '地区',
			auto: (region: string) => `根据浏览器语言（当前：${region}）`,
			other: '其他（通用 112）',
			builtIn: (emergency: string, crisis: string) => `内置：急救 ${emergency}；心理危机热线 ${crisis}`,
			none: '无',
			emergency: '此地区的急救电话',
			crisis: '此地区的心理危机热线（自杀与自伤）',
			hint: '留空则使用内置号码。可包含数字、空格、短横线和开头的 +。',
			invalid: (field: string) => `${field}：不是有效的电话号码。`,
			save: '保存电话号码'
		}
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
