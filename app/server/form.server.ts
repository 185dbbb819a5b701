/**
 * Reading a form post. `request.formData()` throws a TypeError on a body that is not a form (a
 * multipart body without its boundary or with a lying one, JSON, plain text), which Remix answers
 * with a 500; every action reads its form here instead and answers such a body with 400.
 */
export async function readForm(request: Request): Promise<FormData> {
  try {
    return await request.formData();
  } catch {
    throw new Response("This form could not be read. Reload the page and send it again.", {
      status: 400,
      statusText: "Bad Request",
    });
  }
}
