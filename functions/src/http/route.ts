import type { HttpHandler, HttpMethod } from '@azure/functions';

/** One HTTP function: registered with `app.http` in Azure and served as-is by the local development host. */
export interface Route {
  readonly name: string;
  readonly methods: HttpMethod[];
  /** The route template below `/api`, as Azure Functions writes it: `submissions/{board}/{year}/{template}`. */
  readonly route: string;
  readonly handler: HttpHandler;
}
