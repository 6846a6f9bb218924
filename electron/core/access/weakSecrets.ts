/**
 * Secrets refused when an account is enrolled or reset: the passwords that
 * top every leaked list (in English and Chinese-keyboard habits) and the
 * PINs anyone tries first. Compared in lower case.
 */
const COMMON_PASSWORDS = new Set([
  'password', 'password1', 'password12', 'password123', 'password1234', 'passw0rd', 'p@ssw0rd', 'p@ssword', 'p@ssw0rd123',
  '1234567890', '12345678910', '0123456789', '9876543210', '1111111111', '0000000000', '123456789a', 'a123456789',
  '123123123123', '1234512345', '1122334455', '1qaz2wsx3edc', '1qaz2wsx', '1qaz@wsx', 'qazwsxedc', 'qazwsxedcrfv', 'zaq12wsx',
  'qwertyuiop', 'qwerty1234', 'qwerty12345', 'qwerty123456', 'asdfghjkl', 'asdfghjkl;', 'zxcvbnm123', 'zxcvbnm,./', '1q2w3e4r5t',
  '1q2w3e4r5t6y', 'q1w2e3r4t5', 'abcdefghij', 'abc1234567', 'abcd123456', 'abcd1234!', 'aa123456789', 'aaaaaaaaaa',
  'iloveyou12', 'iloveyou123', 'woaini1314', 'woaini5201314', '5201314520', '5201314', 'woaini123456', 'wodemima123',
  'admin12345', 'admin123456', 'administrator', 'admin@123', 'admin@1234', 'administrator1', 'root123456', 'changeme123',
  'letmein123', 'welcome123', 'welcome1234', 'monkey12345', 'dragon12345', 'football123', 'baseball123', 'sunshine123',
  'princess123', 'trustno1234', 'superman123', 'michael123', 'shadow12345', 'master12345', 'computer123', 'internet123',
  'watchpost', 'watchpost1', 'watchpost123', 'security123', 'security1234', 'control123', 'monitor123', 'jiankong123',
  'zhongxin123', 'zhangsan123', 'huawei12345', 'baidu123456', 'tencent1234', 'china123456', 'beijing123', 'shanghai123',
]);

export function isCommonPassword(lower: string): boolean {
  if (COMMON_PASSWORDS.has(lower)) return true;
  // One character repeated, or a run of the keyboard's digits: as weak as anything on the list.
  if (/^(.)\1+$/.test(lower)) return true;
  return '01234567890'.includes(lower) || '09876543210'.includes(lower);
}

const COMMON_PINS = new Set(['123123', '121212', '112233', '520520', '520131', '131420', '147258', '147369', '159753', '258369', '696969', '101010', '202020', '199001', '200000', '888666', '666888']);

export function isWeakPin(pin: string): boolean {
  if (/^(\d)\1+$/.test(pin)) return true;
  if ('01234567890123'.includes(pin) || '98765432109876'.includes(pin)) return true;
  return COMMON_PINS.has(pin);
}
