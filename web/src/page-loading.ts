// The help numbers that index.html and volgen/index.html show while the page's words are on their way:
// a page takes them away when it first draws, with its own help line in the reader's language.
export function removeLoadingNumbers(): void {
  document.getElementById('page-loading')?.remove();
}
