import { lessonSlugParams, printMetadata, PrintRoute } from "../../../../../components/lessons/print-route";

/** A lesson for students on paper: the print view's pages without the answers. */
export const dynamicParams = false;
export const generateStaticParams = lessonSlugParams;
export const generateMetadata = (props: { params: Promise<{ slug: string }> }) => printMetadata(props, "handout");

export default function HandoutPage(props: { params: Promise<{ slug: string }> }) {
  return <PrintRoute {...props} version="handout" />;
}
