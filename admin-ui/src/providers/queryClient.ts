/** The one react-query client: <Admin> gets it, the boot fills it, calls outside react-admin refresh it. */
import { QueryClient } from '@tanstack/react-query';

export const queryClient = new QueryClient();
