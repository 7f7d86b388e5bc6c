import { lessonSlugParams, printMetadata, PrintRoute } from "../../../../../components/lessons/print-route";

/** A lesson on paper, with the answers: one lesson step per page. */
export const dynamicParams = false;
export const generateStaticParams = lessonSlugParams;
export const generateMetadata = (props: { params: Promise<{ slug: string }> }) => printMetadata(props, "answers");

export default function PrintPage(props: { params: Promise<{ slug: string }> }) {
  return <PrintRoute {...props} version="answers" />;
}
