export enum ArticleStatus {
  Draft = 'draft',
  Published = 'published',
  Unpublished = 'unpublished',
}

export enum DuplicateKind {
  Exact = 'exact',
  Near = 'near',
}
