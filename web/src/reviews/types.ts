export type ResponseStatus = 'unanswered' | 'draft' | 'awaiting_approval' | 'approved' | 'rejected' | 'published';

export interface ReviewDto {
  conversationId: string;
  channelType: string;
  portal: string;
  rating: number;
  text: string;
  author: string | null;
  language: string | null;
  sentiment: 'negative' | 'neutral' | 'positive' | null;
  category: string | null;
  product: string | null;
  brand: string | null;
  location: string | null;
  postedAt: string;
  ownerDepartment: string | null;
  approvalDepartment: string | null;
  responseStatus: ResponseStatus;
  timeToRespondSeconds: number | null;
  responseDueAt: string;
  overdue: boolean;
}

export interface ReviewDraftDto {
  text: string;
  status: Exclude<ResponseStatus, 'unanswered'>;
  approvalDepartment: string | null;
  rejectionReason: string | null;
}

export interface ReviewDetailDto extends ReviewDto {
  draft: ReviewDraftDto | null;
  history: { id: string; type: string; actorName: string | null; data: { reason?: string; department?: string }; createdAt: string }[];
  you: { departments: string[]; canDraft: boolean; canDecide: boolean; canPublish: boolean };
}

export interface ReplyTemplateDto {
  id: string;
  name: string;
  language: 'de' | 'en';
  minRating: number;
  maxRating: number;
  category: string | null;
  body: string;
}

export interface OwnershipRuleDto {
  id: string;
  minRating: number;
  maxRating: number;
  product: string | null;
  category: string | null;
  brandId: string | null;
  department: string;
  approvalDepartment: string | null;
}

export const CATEGORIES = ['praise', 'complaint', 'question', 'cancellation', 'billing', 'delivery', 'technical', 'other'] as const;
