/**
 * The query parameter a resume link adds to the page's address; the widget
 * reads it and takes it away. Kept free of zod so the widget bundle can import it for nothing.
 */
export const RESUME_PARAMETER = 'coverkit_resume';
