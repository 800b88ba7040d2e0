import { Logger } from '@nestjs/common';

// Unit specs build services by hand, whose Nest Logger would print its WARN lines (a cache serving
// stale on purpose, a store made to fail) to the console between the results. Those lines are the
// expected path, not news: silenced here. A spec that checks a log line spies on Logger.prototype,
// which still sees every call. (The e2e gateways log through pino into their own buffers.)
Logger.overrideLogger(false);
