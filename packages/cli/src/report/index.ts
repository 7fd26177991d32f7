export { createReport } from './aggregate';
export { readTrail } from './readTrail';
export { formatText } from './formatText';
export { formatHtml } from './formatHtml';
export type { ReadTrailOptions } from './readTrail';
export type { FormatTextOptions } from './formatText';
export type { FormatHtmlOptions } from './formatHtml';
export type {
  EngagementGap,
  ExceptionKind,
  HandoffLabel,
  MilestoneRow,
  MilestoneType,
  Report,
  ReportBuilder,
  ReportOptions,
  SegmentReport,
  StallRow,
  StalledUser,
  TimeToValue,
  TrailEvent,
  TtvBucket,
} from './types';
