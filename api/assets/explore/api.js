// GraphQL over fetch. The queries are fixed documents written against the schema
// (`queries/*.graphql`, one named operation each, served with the fragments they use), so the
// page needs no introspection and works where the server turns it off.

export class ApiError extends Error {
  constructor(message, errors) {
    super(message);
    this.errors = errors || [];
  }
  get code() {
    return this.errors[0]?.extensions?.code;
  }
}

/** Runs a query; returns `data`, or throws ApiError with the errors' messages. */
async function gql(query, variables) {
  let response;
  try {
    response = await fetch("/graphql", {
      method: "POST",
      // application/json: a query the server rejects answers 200 with `errors` (not a 400 the
      // browser would log as a failed resource); the page shows the message.
      headers: { "content-type": "application/json", accept: "application/json" },
      body: JSON.stringify({ query, variables }),
    });
  } catch {
    throw new ApiError("The server could not be reached.");
  }
  let body;
  try {
    body = await response.json();
  } catch {
    throw new ApiError(`The server answered ${response.status} without GraphQL.`);
  }
  if (body.errors?.length) throw new ApiError(body.errors.map((e) => e.message).join("; "), body.errors);
  return body.data;
}

const documents = new Map();

/**
 * The text of one of the explorer's GraphQL documents: `queries/<name>.graphql` as the server
 * serves it (the operation `name` with the fragments it uses), fetched once per page load.
 */
function documentText(name) {
  if (!documents.has(name)) {
    const text = fetch(`/explore/queries/${name}.graphql`).then(
      (r) => (r.ok ? r.text() : Promise.reject(new ApiError(`The page's query ${name} is missing (${r.status}).`))),
      () => Promise.reject(new ApiError("The server could not be reached.")),
    );
    // A failed fetch is tried again on the next use.
    text.catch(() => documents.delete(name));
    documents.set(name, text);
  }
  return documents.get(name);
}

/** Runs the named operation of `queries/` with `variables`; returns `data`, or throws ApiError. */
export async function run(name, variables = {}) {
  return gql(await documentText(name), variables);
}
