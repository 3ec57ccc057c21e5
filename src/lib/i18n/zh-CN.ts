// 简体中文界面文字，结构与 en.ts 一致（类型检查保证不缺项）。
import type { Messages } from './en';

export const zhCN: Messages = {
	profile: {
		toggle: '患者情况（选填）',
		intro:
			'这些信息帮助助手在本次对话中给出更贴切的回答，只保存在本设备上。请不要填写姓名、电话号码或身份证号：它们会被移除。',
		chiefComplaint: '主要不适',
		chiefComplaintHint: '例如：咳嗽、发烧 3 天',
		medicalHistory: '既往病史、过敏史和正在用的药',
		medicalHistoryHint: '例如：哮喘；青霉素过敏',
		ageGroup: '年龄段',
		ageGroupNone: '不填写',
		ageGroups: {
			infant: '婴儿（1岁以下）',
			child: '儿童（1–12岁）',
			adolescent: '青少年（13–17岁）',
			adult: '成人（18–64岁）',
			'older-adult': '老年人（65岁及以上）'
		},
		save: '保存',
		clear: '清除',
		saved: '已保存。之后的回答会参考这些信息。',
		cleared: '患者情况已清除。'
	},
	turn: {
		continue: '继续生成',
		regenerate: '重新生成',
		actionsLabel: '这个回答不完整'
	},
	kiosk: {
		finish: '结束',
		finishHint: '从本设备清除您的问题和回答，留给下一位患者使用。',
		cleared: '已清除本次会话，可供下一位患者使用。',
		clearedIdle: '由于一段时间无操作，本次会话已清除，可供下一位患者使用。',
		idleTitle: '您还在吗？',
		idleBody: '为保护您的隐私，本次会话即将清除，留给下一位患者使用。',
		countdown: (seconds: number) => `${seconds} 秒后清除`,
		stillHere: '我还在',
		settings: {
			heading: '自助终端模式',
			lead: '用于候诊区共用的平板：大字号、不保留对话历史、提供“结束”按钮。每位患者点“结束”或一段时间无操作后，其会话会从本设备清除。模型在患者之间保持加载。',
			enable: '将本设备用作自助终端',
			idle: '无操作多少秒后清除会话',
			idleHint: '60 到 600 秒。清除前先显示 20 秒倒计时，触碰屏幕即可取消。',
			invalid: '请输入 60 到 600 之间的整数秒数。',
			save: '保存自助终端设置',
			savedOn: '已保存。本设备现为自助终端。',
			savedOff: '已保存。自助终端模式已关闭。'
		}
	},
	kb: {
		where: {
			file: (file: string) => file,
			line: (file: string, line: number) => `${file} 第 ${line} 行`,
			row: (file: string, row: number) => `${file} 第 ${row} 条记录`,
			item: (file: string, item: number) => `${file} 第 ${item} 项`
		},
		fileErrors: {
			unsupportedType: (where: string) =>
				`${where}：只能添加 Markdown（.md）、JSON（.json）和 CSV（.csv）文件。`,
			tooLarge: (where: string, maxMb: number) => `${where}：文件超过 ${maxMb} MB，未添加。`,
			binary: (where: string) => `${where}：这不是文本文件（UTF-8），未添加。`,
			empty: (where: string) => `${where}：文件是空的。`,
			frontMatter: (where: string) =>
				`${where}：缺少开头两行“---”之间的信息，或无法读取。需要写成“id: fever-children-zh”这样的行。`,
			frontMatterTooLarge: (where: string, maxKb: number) =>
				`${where}：开头两行“---”之间的信息超过 ${maxKb} KB，文件未添加。`,
			tooManyAliases: (where: string) =>
				`${where}：开头的信息通过 YAML 别名（“*名称”）重复引用的次数过多，文件未添加。请直接写出每个值。`,
			malformed: (where: string) => `${where}：无法按知识库问答文件的格式读取。`,
			missingBody: (where: string) => `${where}：信息之后没有正文。`,
			missingField: (where: string, field: string) => `${where}：缺少“${field}”，或它是空的。`,
			invalidField: (where: string, field: string, rule: string) => `${where}：“${field}”的值无效：${rule}`,
			duplicateId: (where: string, id: string) => `${where}：id“${id}”在本文件中出现了不止一次。`,
			duplicateIdAcross: (where: string, id: string, otherFile: string) =>
				`${where}：id“${id}”已在 ${otherFile} 中使用。`
		},
		fieldRules: {
			id: '请使用小写字母、数字和“-”，例如“fever-children-zh”。',
			title: '请使用不超过 300 个字符的纯文本。',
			lang: '请填写“en”或“zh-CN”。',
			source: '请写明所依据的指南或发布机构，不超过 500 个字符。',
			updated: '请按 YYYY-MM-DD 写日期，例如 2026-01-31。',
			url: '请使用 https:// 链接，或以单个“/”开头的本站路径，且不含“\\”、空格或换行。',
			question: '请使用不超过 1000 个字符的纯文本。',
			answer: '请使用纯文本。',
			body: '请在信息之后写上条目的正文。'
		},
		sources: {
			heading: '参考来源',
			reviewed: (source: string, date: string) => `${source} · 审核日期 ${date}`,
			open: '查看指南原文',
			show: '显示摘录'
		},
		manage: {
			heading: '知识库',
			lead: '回答会参考这些内容，检索在本设备上进行。内置条目是示例内容，请替换为本院自己的内容。',
			opening: '正在打开知识库…',
			failed: '无法在此浏览器的存储中打开知识库。回答仍可使用，但不附参考来源。',
			searchWords: '检索方式：仅按词语',
			searchHybrid: '检索方式：词语 + 语义',
			sourcesHeading: '知识库中的文件',
			none: '还没有文件。',
			origin: { builtin: '内置', upload: '已上传' },
			entries: (n: number) => `${n} 个条目`,
			sourceLine: (entries: string, origin: string) => `${entries} · ${origin}`,
			remove: (file: string) => `移除 ${file}`,
			removeTitle: '移除这个文件？',
			removeBody: (file: string, entries: string) =>
				`${file}（${entries}）将不再用于回答。如需再次使用，请重新上传。`,
			removeBuiltinBody: (file: string, entries: string) =>
				`${file}（${entries}）将不再用于回答，直到应用下一次更新内容时恢复。`,
			removeConfirm: '移除文件',
			cancel: '取消',
			removed: (file: string) => `已移除 ${file}。`,
			removeFailed: (reason: string) => `无法移除文件：${reason}。`,
			uploadHeading: '添加文件',
			uploadLead:
				'带信息头（id、title、lang、source、updated）的 Markdown 文件，或 JSON / CSV 格式的问答对，每个不超过 2 MB。每个文件要么整体加入，要么完全不加入。',
			choose: '选择文件',
			drop: '或把文件拖放到这里',
			progressLabel: '添加文件进度',
			progress: (done: number, total: number) => `${done} / ${total} 个文件`,
			current: (file: string) => `当前：${file}`,
			summary: (added: number, total: number) =>
				total === 1 ? (added === 1 ? '文件已添加。' : '文件未添加。') : `已添加 ${added} / ${total} 个文件。`,
			added: (file: string, entries: string) => `${file}：已添加（${entries}）。`,
			notAdded: (file: string, reason: string) => `${file}：未添加：${reason}。`,
			resultsLabel: '每个文件的结果',
			errorMark: '错误：',
			storage: {
				quota: '浏览器存储空间已满',
				unavailable: '此处无法使用浏览器存储',
				'duplicate-chunk': '知识库中已有相同 id 的段落',
				'vector-dimension': '检索模型与知识库不匹配',
				'bad-snapshot': '已保存的知识库已损坏',
				unknown: '出了点问题'
			}
		},
		embedder: {
			heading: '按语义检索（可选）',
			lead: (size: string) =>
				`下载语义检索模型（约 ${size}）可以改进检索：即使提问用词不同，也能找到相关条目。只需下载一次，在本设备上运行，之后离线也能使用。`,
			download: (size: string) => `改进检索（约 ${size}）`,
			none: '未设置语义检索模型，检索只按词语进行。',
			progressLabel: '语义检索模型下载',
			embedding: '正在准备语义检索',
			embeddingProgress: (done: number, total: number) => `${done} / ${total} 段`,
			ready: (model: string) => `${model} 已就绪。`,
			cancelled: '下载已停止。已下载的部分会保留，下次从那里继续。',
			failed: (reason: string) => `语义检索模型无法启动：${reason}检索只按词语进行。`,
			retry: '重试',
			errors: {
				network: '有文件无法下载。请检查网络后重试。',
				quota: '浏览器存储空间已满。',
				'model-files': '模型文件缺失或已损坏。',
				'model-mismatch': '模型与知识库不匹配。',
				'no-webgpu': '此浏览器没有可用的 WebGPU。',
				'device-lost': '图形处理器停止响应。',
				'worker-crashed': '模型意外停止。',
				unknown: '出了点问题。'
			}
		}
	},
	history: {
		nav: '历史记录',
		title: '对话历史',
		lead: '你以前的对话，只保存在本设备的这个浏览器里。打开一条即可接着聊。',
		loading: '正在读取对话…',
		empty: '还没有保存的对话。',
		startChat: '去提问',
		readFailed: '无法从浏览器存储中读取你的对话。',
		listLabel: '已保存的对话',
		count: (shown: number, total: number) =>
			total === 1 ? '共 1 条对话' : `显示 ${shown} 条，共 ${total} 条对话`,
		loadMore: '显示更多对话',
		loadingMore: '正在加载更多…',
		untitled: '新对话',
		lastActive: (date: string) => `最近活动：${date}`,
		messages: (n: number) => `${n} 条消息`,
		incomplete: '部分内容未保存',
		flags: {
			safety: '紧急情况迹象',
			patient: '已标记给医护人员'
		},
		actionsLabel: (title: string) => `“${title}”的操作`,
		rename: '重命名',
		renameLabel: '新名称',
		renameHint: '回车保存 · Esc 取消',
		renameEmpty: '请输入名称，或按 Esc 保留原名称。',
		save: '保存',
		cancel: '取消',
		renamed: (title: string) => `已重命名为“${title}”。`,
		exportMarkdown: '导出为 Markdown',
		exportJson: '导出为 JSON',
		exported: (file: string) => `已下载 ${file}。`,
		delete: '删除',
		deleteTitle: '删除这条对话？',
		deleteBody: (title: string) => `“${title}”及其全部消息将从本设备删除，且无法恢复。`,
		deleteConfirm: '删除对话',
		deleted: (title: string) => `已删除“${title}”。`,
		deleteAll: '删除全部对话',
		deleteAllTitle: '删除全部对话？',
		deleteAllBody: (n: number) =>
			`全部 ${n} 条已保存的对话及其反馈将从本设备删除，且无法恢复。如需保留，请先导出。`,
		deleteAllAcknowledge: '我明白我的全部对话将被永久删除',
		deleteAllConfirm: '全部删除',
		deletedAll: '已删除全部对话。',
		errors: {
			quota: '浏览器存储空间已满，所以没有做任何更改。请清理一些空间后再试。',
			'not-found': '这条对话已经不在了（可能已在另一个标签页中删除）。',
			unavailable: '现在无法使用浏览器存储（可能另一个标签页更新了应用：请刷新页面）。没有做任何更改。',
			unknown: '出了点问题，所以没有做任何更改。'
		},
		search: {
			label: '搜索你的对话',
			hint: '中文或英文词语，例如“发烧”或 fever',
			clear: '清除搜索',
			resultsLabel: '搜索结果',
			searching: '正在搜索…',
			results: (n: number, query: string) => `有 ${n} 条消息包含“${query}”。`,
			many: (n: number, query: string) => `包含“${query}”的最新 ${n} 条消息。`,
			none: (query: string) => `没有消息包含“${query}”。`,
			you: '你',
			assistant: '助手',
			hitIn: (title: string, date: string) => `在“${title}”中，${date}`
		},
		import: {
			label: '导入对话（JSON 文件）',
			hint: '从本应用导出的文件。它会作为一条新对话加入，已有内容不会改变。',
			reading: '正在检查文件…',
			done: (title: string, n: number) => `已导入“${title}”，共 ${n} 条消息。`,
			refused: (reason: string) => `此文件未导入：${reason}没有做任何更改。`,
			errors: {
				'too-large': '文件太大（最多 5 MB）。',
				'not-json': '它不是 JSON 文件，或者已损坏。',
				'wrong-format': '它不是从本应用导出的对话。',
				'unsupported-version': '它来自更新版本的应用。请先更新应用再试。',
				'too-many-messages': '它的消息数超过了一条对话的上限（2000 条）。',
				'forbidden-key': '它包含可能有害的数据，因此被拒绝。',
				'not-utf8': '它不是 UTF-8 文本（可能已损坏，或以其他编码保存）。',
				'future-time': '它含有未来的日期。请检查导出它的设备的时钟。',
				'invalid-field': '它的部分内容缺失、损坏或不被允许。',
				quota: '浏览器存储空间已满。请清理一些空间后再试。',
				failed: '无法使用浏览器存储。'
			}
		},
		markdown: {
			untitled: '新对话',
			exportedAt: '导出时间',
			profile: '患者情况',
			chiefComplaint: '主要问题',
			medicalHistory: '既往病史',
			ageGroup: '年龄段',
			ageGroups: {
				infant: '婴儿',
				child: '儿童',
				adolescent: '青少年',
				adult: '成年人',
				'older-adult': '老年人'
			},
			patient: '患者',
			assistant: '助手',
			interrupted: '页面关闭时被中断，回答不完整。',
			stopped: '已停止，回答不完整。',
			failed: '回答未能完成',
			modelNotReady: '设备上的模型尚未准备好，所以这个问题没有得到回答。'
		},
		kiosk: {
			title: '本设备不保存历史记录',
			body: '这是一台共用设备，每次使用结束后不会保留对话。',
			back: '返回对话'
		},
		connection: {
			outdated: '应用已在另一个标签页中更新。请刷新本页面以继续保存；已保存的内容都会保留。',
			reload: '刷新',
			blocked: '另一个标签页仍在运行旧版本的应用。请关闭或刷新它以完成更新。'
		}
	},
	handoff: {
		showToStaff: '给工作人员看',
		opening: '正在打开给工作人员的摘要…',
		openFailed: '无法打开摘要：本对话没有保存在本设备上。',
		title: '给工作人员的摘要',
		lead: '本次对话的摘要，供医生或护士查看。这里的所有内容都只保存在本设备上。',
		loading: '正在读取摘要…',
		missing: '没有选择对话。',
		notFound: '本设备上已没有这段对话（已被删除，或自助机的会话已结束）。',
		readFailed: '无法从本设备的存储中读取这段对话。',
		print: '打印',
		backToChat: '返回对话',
		backToSettings: '返回设置',
		generated: '生成时间',
		started: '对话开始时间',
		languages: '患者使用的语言',
		languageNames: { zh: '中文', en: '英文' },
		unknownLanguage: '未知',
		list: (items: readonly string[]) => items.join('、'),
		emergencyHeading: '识别到的紧急情况迹象',
		noEmergency: '问题中没有识别到紧急情况迹象。',
		flagsHeading: '标记',
		flagSafety: '安全检查：可能是紧急情况',
		flagPatient: '患者请求工作人员协助',
		flagNote: (note: string) => `患者留言：${note}`,
		noFlags: '没有未处理的标记（已查看，或从未标记）。',
		profileHeading: '患者资料',
		noProfile: '患者没有填写资料。',
		chiefComplaint: '主诉',
		medicalHistory: '既往病史',
		ageGroup: '年龄段',
		ageGroups: {
			infant: '婴儿',
			child: '儿童',
			adolescent: '青少年',
			adult: '成人',
			'older-adult': '老年人'
		},
		conversationHeading: '问题与回答',
		noQuestions: '还没有提问。',
		question: (n: number) => `问题 ${n}`,
		answer: (n: number) => `回答 ${n}`,
		emergencyIn: (categories: string) => `紧急情况迹象：${categories}`,
		removed: (kinds: string) => `为保护隐私已移除：${kinds}`,
		noAnswer: '没有回答（显示了紧急提醒，或患者没有继续）。',
		answerStates: {
			stopped: '患者停止了这个回答，内容不完整。',
			interrupted: '页面在回答生成时被关闭，内容不完整。',
			failed: '这个回答生成失败。',
			'no-model': '没有回答：本设备上的模型尚未就绪。',
			writing: '这个回答还在生成中。'
		},
		advisory: '随回答显示的提示',
		answeredBy: (model: string) => `模型：${model}`,
		disclaimer:
			'这不是诊断。本摘要由设备上的助手根据患者本人的提问生成；回答是语言模型给出的一般性信息，可能有误。',
		qrHeading: '二维码',
		qrLabel: '包含本摘要文字的二维码',
		qrAlt: '二维码中的内容与本页的摘要文字相同，本页文字是完整的。',
		qrTruncated: '二维码中是缩短后的摘要（先缩短回答，紧急情况迹象和问题保留）；本页显示全部内容。',
		qrLoading: '正在本设备上生成二维码…',
		qrFailed: '无法生成二维码，请使用本页的摘要。',
		qrBytes: (bytes: number) => `${bytes} 字节`,
		qr: {
			heading: '健康问答——给工作人员的摘要',
			generated: (time: string) => `生成时间：${time}`,
			languages: (names: string) => `患者使用的语言：${names}`,
			emergency: (categories: string) => `紧急情况迹象：${categories}`,
			patientAsked: '患者请求工作人员协助',
			patientNote: (note: string) => `患者留言：${note}`,
			complaint: (text: string) => `主诉：${text}`,
			history: (text: string) => `病史：${text}`,
			ageGroup: (group: string) => `年龄段：${group}`,
			question: (n: number, text: string) => `问${n}：${text}`,
			answer: (
				n: number,
				text: string,
				state: 'complete' | 'stopped' | 'interrupted' | 'failed' | 'no-model' | 'writing'
			) => {
				const note = {
					complete: '',
					stopped: '（已停止）',
					interrupted: '（已中断）',
					failed: '（失败）',
					'no-model': '（模型未就绪）',
					writing: '（未完成）'
				}[state];
				return `答${n}：${text}${note}`;
			},
			omitted: (count: number) => `（省略了前 ${count} 个问题）`,
			truncated: '（为放入二维码已缩短；打印的摘要是完整的。）',
			disclaimer: '非诊断；由设备上的助手生成。'
		},
		flagged: {
			heading: '已标记的对话',
			lead: '安全检查标记为可能紧急的对话，或患者请求工作人员协助的对话，最新的在前。只列出本设备上保存的内容：自助机模式下是当前患者的会话。',
			loading: '正在读取已标记的对话…',
			none: '没有已标记的对话。',
			count: (n: number) => `${n} 个已标记的对话`,
			untitled: '未命名对话',
			flaggedAt: (time: string) => `标记于 ${time}`,
			reasons: '原因',
			patient: '患者请求工作人员协助',
			open: '打开摘要',
			openLabel: (title: string) => `打开摘要：${title}`,
			reviewed: '标为已查看',
			reviewedLabel: (title: string) => `标为已查看：${title}`,
			reviewedDone: (title: string) => `“${title}”已标为已查看。`,
			failed: '无法从本设备的存储中读取已标记的对话。',
			reviewFailed: '无法标为已查看，没有做任何更改。'
		}
	},
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
		storageFull:
			'浏览器存储空间已满，此对话暂时无法保存。之前保存的内容仍然保留。请清理空间：只要此页面保持打开，尚未保存的内容会在有空间后保存。',
		storageFailed: '无法在本设备上保存此对话。之前保存的内容仍然保留；此页面保持打开时会继续尝试保存。',
		incomplete: '此对话有部分内容缺失：浏览器存储空间已满时的消息在页面关闭前未能保存。',
		notSaved: (n: number) => (n === 1 ? '尚未保存：最近的 1 条消息。' : `尚未保存：最近的 ${n} 条消息。`),
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
			travel_document: '通行证号',
			bank_card: '银行卡号',
			email: '电子邮箱',
			ssn: '社会保障号',
			nhs_number: 'NHS 号码',
			mrn: '病历号',
			insurance: '医保或保险号',
			licence: '驾驶证或车牌号',
			device: '车辆或设备识别号',
			dob: '出生日期',
			address: '家庭住址',
			messaging: '社交账号',
			url: '网址',
			ip: 'IP 地址',
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
		fromAnswer: '回答本身提示需要紧急就医。',
		dismiss: '我知道了',
		urgentTitle: '建议今天就去看医生',
		urgentLead:
			'你描述的情况建议今天就请医生看一下——门诊、社区医院或急诊均可。如果加重，请立即拨打急救电话。',
		urgentRecognised: (signs: string) => `建议今天就诊：${signs}`,
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
			headache: '突发剧烈头痛',
			aortic: '突发撕裂样胸背痛',
			arrhythmia: '危险的心率',
			blood_pressure: '危险的血压',
			meningitis: '脑膜炎迹象',
			sepsis: '脓毒症迹象',
			button_battery: '误吞纽扣电池或磁铁',
			caustic: '误服腐蚀性物品或燃油',
			heat_stroke: '中暑（热射病）',
			hypothermia: '失温（低体温）',
			hypoglycaemia: '严重低血糖',
			hyperglycaemia: '严重高血糖',
			acute_abdomen: '剧烈腹痛或睾丸痛',
			eye: '危及视力的眼部急症',
			spinal: '脊髓受压信号',
			advised: '回答中建议紧急就医'
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
			waitMinutes: (minutes: number) => `错误次数过多，请 ${minutes} 分钟后再试。`,
			retry: '现在可以再次输入 PIN 码。',
			exists: '其他标签页可能刚刚设置了工作人员 PIN 码。请输入该 PIN 码继续。',
			unavailable:
				'设置暂不可用：无法从本浏览器的存储中读取工作人员 PIN 码，因此设置保持锁定。请重新加载页面；如果问题仍然存在，请先关闭本应用的其他标签页。',
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
			tryUrgent: (signs: string) => `不是紧急情况，但建议今天就诊：${signs}`,
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
