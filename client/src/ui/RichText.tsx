// Shows stored rich text. The HTML comes only from the shared sanitizing renderer,
// which escapes text and keeps only http(s)/mailto links: never set other HTML here.
import { renderRichTextHtml } from "../../../shared/richtext.js";

export function RichText({ doc, className = "" }: { doc: unknown; className?: string }) {
  return <div className={`rich-text ${className}`.trim()} dangerouslySetInnerHTML={{ __html: renderRichTextHtml(doc) }} />;
}
